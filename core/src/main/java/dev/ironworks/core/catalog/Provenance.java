package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;

/**
 * Where a catalog entry's figures come from.
 *
 * @param source publication, datasheet or quote; our own estimates start with "estimate:"
 * @param asOf date of the figures (YYYY-MM or YYYY-MM-DD)
 * @param notes free text, empty when none
 */
public record Provenance(String source, String asOf, String notes) {
  public Provenance {
    Require.text("source", source);
    Require.text("asOf", asOf);
    Require.present("notes", notes);
  }

  /** Whether the figures are Ironworks' own estimate rather than a published value. */
  public boolean isEstimate() {
    return source.startsWith("estimate");
  }
}
