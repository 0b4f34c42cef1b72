package dev.ironworks.io.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key a reader asked for while it read, with the values it asked for (outermost accessor
 * first: {@code number(key, min, …)} before the {@code number(key)} it calls): what the reader
 * accepts, seen by running it. Kept only when the {@link Problems} of a read is made with one. The
 * keys of a list's items are logged under the list's own path, without the item's index.
 */
public final class KeyLog {
  private final Map<String, List<ValueSpec>> asked = new LinkedHashMap<>();

  void add(String field, ValueSpec spec) {
    // A key of a list's item is logged under the list's path: sites[0].region is sites.region.
    String path = field.indexOf('[') < 0 ? field : field.replaceAll("\\[\\d+\\]", "");
    asked.computeIfAbsent(path, f -> new ArrayList<>()).add(spec);
  }

  /** Dotted path → the values asked for it, in the order keys were first asked for. */
  public Map<String, List<ValueSpec>> asked() {
    Map<String, List<ValueSpec>> copy = new LinkedHashMap<>();
    asked.forEach((field, specs) -> copy.put(field, List.copyOf(specs)));
    return copy;
  }
}
