package dev.ironworks.cli;

import java.util.ListResourceBundle;

/**
 * Help texts that differ between commands sharing an option, keyed by the command's qualified name
 * and the option's description key (picocli reads them as the commands' resource bundle).
 */
public final class HelpTexts extends ListResourceBundle {
  private static final String TABLE_OR_JSON = "Output: table or json (default: ${DEFAULT-VALUE}).";

  @Override
  protected Object[][] getContents() {
    return new Object[][] {
      {"ironworks.plan.format", "Output: table, json, markdown (default: ${DEFAULT-VALUE})."},
      {"ironworks.roadmap.format", "Output: table, json, markdown (default: ${DEFAULT-VALUE})."},
      {"ironworks.validate.format", "Output: table, json or markdown (default: ${DEFAULT-VALUE})."},
      {"ironworks.simulate.format", TABLE_OR_JSON},
      {"ironworks.scaling.format", TABLE_OR_JSON},
      {"ironworks.catalog.list.format", TABLE_OR_JSON},
      {"ironworks.catalog.show.format", TABLE_OR_JSON},
    };
  }
}
