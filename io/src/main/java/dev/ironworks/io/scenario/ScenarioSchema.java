package dev.ironworks.io.scenario;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.KeyLog;
import dev.ironworks.io.yaml.Problems;
import dev.ironworks.io.yaml.ValueSpec;
import dev.ironworks.io.yaml.YamlMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of a scenario as {@link ScenarioReader} reads them: each key's dotted path and the
 * values it takes (a mapping of further keys, a single value, or either), learnt by running the
 * reader over probe documents and logging what it asks for (a {@link KeyLog}), so that the list is
 * the reader's own.
 *
 * <p>The first probe is an empty document. Each next one gives an empty mapping to every key the
 * reader asked for in the one before, until no new key is asked for: the keys it then reads as
 * mappings are kept as such, the others are single values. Then each key read as a mapping is given
 * a single value once, to learn whether it takes one too ({@code auto}, a catalog id). A key read
 * as a list of mappings (the roadmap's sites) is probed with a list of one such mapping; its items'
 * keys are children of its path ({@code roadmap.sites.region}).
 */
public final class ScenarioSchema {
  private ScenarioSchema() {}

  /**
   * One key.
   *
   * @param path the dotted path, as problems name it
   * @param mapping whether the value may be a mapping of further keys
   * @param value the single value it may be instead, empty when it must be a mapping
   */
  public record Key(String path, boolean mapping, Optional<ValueSpec> value) {
    public Key {
      if (!mapping && value.isEmpty()) {
        throw new IllegalArgumentException("key " + path + " takes neither a mapping nor a value");
      }
    }

    /** The last part of the path: the key as a file writes it. */
    public String name() {
      return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The path of the mapping that holds the key, "" at the top level. */
    public String parent() {
      int dot = path.lastIndexOf('.');
      return dot < 0 ? "" : path.substring(0, dot);
    }
  }

  /** Every key, depth first, each mapping's keys in the order the reader asks for them. */
  public static List<Key> of(Catalog catalog) {
    Map<String, List<ValueSpec>> asked = new LinkedHashMap<>();
    Set<String> sections = new LinkedHashSet<>();
    Set<String> lists = new HashSet<>();
    Set<String> tried = new HashSet<>();
    boolean grew;
    do {
      grew = false;
      Map<String, List<ValueSpec>> log = probe(catalog, sections, lists, "");
      log.forEach(
          (path, specs) -> asked.computeIfAbsent(path, p -> new ArrayList<>()).addAll(specs));
      sections.removeIf(
          path ->
              !asked.get(path).contains(new ValueSpec.Mapping())
                  && !asked.get(path).contains(new ValueSpec.Mappings()));
      asked.forEach(
          (path, specs) -> {
            if (specs.contains(new ValueSpec.Mappings())) {
              lists.add(path);
            }
          });
      for (Map.Entry<String, List<ValueSpec>> entry : log.entrySet()) {
        if (tried.add(entry.getKey())) {
          sections.add(entry.getKey());
          grew = true;
        }
      }
    } while (grew);
    for (String section : List.copyOf(sections)) {
      List<ValueSpec> asScalar = probe(catalog, sections, lists, section).get(section);
      if (asScalar != null) {
        asked.get(section).addAll(asScalar);
      }
    }
    List<Key> keys = new ArrayList<>();
    addChildren("", asked, keys);
    return keys;
  }

  private static void addChildren(
      String parent, Map<String, List<ValueSpec>> asked, List<Key> out) {
    for (Map.Entry<String, List<ValueSpec>> entry : asked.entrySet()) {
      String path = entry.getKey();
      int dot = path.lastIndexOf('.');
      if (!(dot < 0 ? "" : path.substring(0, dot)).equals(parent)) {
        continue;
      }
      List<ValueSpec> specs = entry.getValue();
      boolean mapping = specs.contains(new ValueSpec.Mapping());
      Optional<ValueSpec> value =
          specs.stream()
              .filter(s -> !(s instanceof ValueSpec.Any) && !(s instanceof ValueSpec.Mapping))
              .findFirst();
      if (value.isEmpty() && !mapping) {
        value = Optional.of(new ValueSpec.Any());
      }
      out.add(new Key(path, mapping, value));
      addChildren(path, asked, out);
    }
  }

  /**
   * Reads a document of empty mappings at {@code sections} (and a single value at {@code scalarAt},
   * unless empty) and returns what the reader asked for.
   */
  private static Map<String, List<ValueSpec>> probe(
      Catalog catalog, Set<String> sections, Set<String> lists, String scalarAt) {
    StringBuilder text = new StringBuilder();
    write(text, "", 0, sections, lists, scalarAt);
    KeyLog log = new KeyLog();
    Problems problems = new Problems("probe.yaml", log);
    try {
      ScenarioReader.read(
          problems,
          YamlMap.parse(text.isEmpty() ? "{}" : text.toString(), problems),
          catalog,
          "probe");
    } catch (InputException | IllegalArgumentException expected) {
      // A probe is no scenario: only what the reader asked for matters.
    }
    return log.asked();
  }

  private static void write(
      StringBuilder out,
      String parent,
      int depth,
      Set<String> sections,
      Set<String> lists,
      String scalarAt) {
    for (String path : sections) {
      int dot = path.lastIndexOf('.');
      if (!(dot < 0 ? "" : path.substring(0, dot)).equals(parent)) {
        continue;
      }
      out.append("  ".repeat(depth)).append(path.substring(dot + 1)).append(':');
      boolean list = lists.contains(path);
      if (path.equals(scalarAt)) {
        out.append(" x\n");
      } else if (sections.stream().anyMatch(s -> s.startsWith(path + "."))) {
        out.append('\n');
        if (list) {
          // One item: its keys written two deeper, the first after the item's dash.
          StringBuilder item = new StringBuilder();
          write(item, path, depth + 2, sections, lists, scalarAt);
          out.append("  ".repeat(depth + 1)).append("- ").append(item.substring(2 * (depth + 2)));
        } else {
          write(out, path, depth + 1, sections, lists, scalarAt);
        }
      } else {
        out.append(list ? " [{}]\n" : " {}\n");
      }
    }
  }
}
