package dev.ironworks.io.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes a view tree as Markdown: a heading, then a two-column table per section. */
public final class MarkdownRenderer {
  private MarkdownRenderer() {}

  public static String render(String title, Map<String, Object> tree) {
    StringBuilder out = new StringBuilder("# ").append(title).append("\n");
    for (Map.Entry<String, Object> section : tree.entrySet()) {
      Object value = section.getValue();
      if (value instanceof Map<?, ?> map) {
        out.append("\n## ").append(section.getKey()).append("\n\n");
        out.append("| field | value |\n| --- | ---: |\n");
        List<String[]> rows = new ArrayList<>();
        TableRenderer.flatten("", map, rows);
        for (String[] row : rows) {
          out.append("| `")
              .append(row[0])
              .append("` | ")
              .append(row[1].replace("|", "\\|"))
              .append(" |\n");
        }
      } else if (value instanceof List<?> list) {
        if (list.isEmpty()) {
          continue;
        }
        out.append("\n## ").append(section.getKey()).append("\n\n");
        for (Object item : list) {
          out.append("- ").append(item).append('\n');
        }
      }
    }
    return out.toString();
  }
}
