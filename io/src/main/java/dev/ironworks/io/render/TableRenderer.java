package dev.ironworks.io.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes a view tree as an aligned plain-text table: one section per top-level key. */
public final class TableRenderer {
  private TableRenderer() {}

  public static String render(Map<String, Object> tree) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Object> section : tree.entrySet()) {
      Object value = section.getValue();
      if (value instanceof Map<?, ?> map) {
        List<String[]> rows = new ArrayList<>();
        flatten("", map, rows);
        out.append(section.getKey()).append('\n');
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        for (String[] row : rows) {
          out.append("  ")
              .append(row[0])
              .append(" ".repeat(width - row[0].length() + 2))
              .append(row[1])
              .append('\n');
        }
      } else if (value instanceof List<?> list) {
        if (list.isEmpty()) {
          continue;
        }
        out.append(section.getKey()).append('\n');
        for (Object item : list) {
          out.append("  - ").append(item).append('\n');
        }
      } else {
        out.append(section.getKey()).append(": ").append(Numbers.human(value)).append('\n');
      }
    }
    return out.toString();
  }

  static void flatten(String prefix, Map<?, ?> map, List<String[]> rows) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = prefix + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> nested) {
        flatten(key + ".", nested, rows);
      } else if (entry.getValue() instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i) instanceof Map<?, ?> item) {
            flatten(key + "[" + i + "].", item, rows);
          } else {
            rows.add(new String[] {key + "[" + i + "]", String.valueOf(list.get(i))});
          }
        }
      } else {
        rows.add(new String[] {key, Numbers.human(entry.getValue())});
      }
    }
  }
}
