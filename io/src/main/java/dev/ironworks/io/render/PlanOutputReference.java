package dev.ironworks.io.render;

import java.util.Map;

/**
 * docs/reference/plan-output.md, written from the registry of plan figures {@link PlanFigures}: a
 * section per top-level group, a table row per figure (path, unit, meaning), and the renamed paths
 * still read. {@code PlanOutputReferenceTest} holds the file to it.
 */
public final class PlanOutputReference {
  private static final String HEADER =
      """
      # Plan output reference

      `ironworks plan FILE --format json` prints one object; `--format table` and `--format markdown`
      print the same fields under the same dotted paths. Numbers in JSON are rounded to 6 significant
      digits; the table and Markdown round for reading (4 significant digits, whole numbers from
      10,000). This page is written from the registry of plan figures
      (`io/src/main/java/dev/ironworks/io/render/PlanFigures.java`), where each figure is declared
      once with its path, unit, meaning and how it is read from the plan; a test holds the page to
      the registry and the registry to the output of the shipped examples.

      Units are in the names: `Mw` megawatts, `Kw` kilowatts, `Mwh` megawatt-hours, `Usd` US dollars,
      `Tco2e` tonnes of CO2-equivalent, `M2` square metres, `M3` cubic metres, `Tbps` terabits per
      second, `GbPerSecond` gigabytes per second, `Petabytes` 10^15 bytes.
      """;

  private static final String RENAMED =
      """

      ## Renamed paths

      These figures were renamed to say what they are. The old path is still read as the new one
      for one release (sweep objectives and constraints, validation cases, `PlanView.at`); the
      output carries only the new path.

      | old path | new path |
      | --- | --- |
      """;

  private static final int WIDTH = 100;

  private PlanOutputReference() {}

  /** The page's Markdown. */
  public static String markdown() {
    StringBuilder out = new StringBuilder(HEADER);
    section(out, PlanFigures.ROOT, "", true);
    out.append(RENAMED);
    for (Map.Entry<String, String> alias : PlanFigures.aliases().entrySet()) {
      out.append("| `")
          .append(alias.getKey())
          .append("` | `")
          .append(alias.getValue())
          .append("` |\n");
    }
    return out.toString();
  }

  /**
   * The rows of {@code group}'s figures under {@code prefix}; a group with a heading or sentences
   * starts a new table.
   */
  private static void section(
      StringBuilder out, FigureGroup<?> group, String prefix, boolean newTable) {
    boolean open = !newTable;
    for (FigureGroup.Entry entry : group.entries()) {
      if (entry instanceof FigureGroup.Leaf leaf) {
        if (!open) {
          out.append("\n| path | unit | meaning |\n| --- | --- | --- |\n");
          open = true;
        }
        out.append("| `")
            .append(prefix)
            .append(leaf.key())
            .append("` |")
            .append(cell(leaf.unit()))
            .append('|')
            .append(cell(leaf.meaning()))
            .append("|\n");
      } else if (entry instanceof FigureGroup.Sub sub) {
        String inner = sub.key() == null ? prefix : prefix + sub.key() + ".";
        boolean heading = sub.title() != null;
        if (heading) {
          String name = sub.key() == null ? sub.title() : sub.key();
          out.append("\n## ").append(name);
          if (sub.key() != null && !sub.title().isEmpty()) {
            out.append(" — ").append(sub.title());
          }
          out.append('\n');
        }
        for (String paragraph : sub.intro().isEmpty() ? new String[0] : sub.intro().split("\n\n")) {
          out.append('\n').append(wrap(paragraph)).append('\n');
        }
        boolean table = heading || !sub.intro().isEmpty();
        section(out, sub.group(), inner, table);
        open = open && !table;
      }
    }
  }

  /** A paragraph in lines of at most 100 characters, broken at spaces. */
  static String wrap(String paragraph) {
    StringBuilder out = new StringBuilder();
    int line = 0;
    for (String word : paragraph.split(" ")) {
      if (line > 0 && line + 1 + word.length() > WIDTH) {
        out.append('\n');
        line = 0;
      } else if (line > 0) {
        out.append(' ');
        line++;
      }
      out.append(word);
      line += word.length();
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text.isEmpty() ? " " : " " + text.replace("|", "\\|") + " ";
  }
}
