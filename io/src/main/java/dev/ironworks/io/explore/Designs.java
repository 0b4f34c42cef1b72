package dev.ironworks.io.explore;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.yaml.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A space's designs as checked scenarios, put together from sections read once.
 *
 * <p>The reader reads each top-level section of a scenario (cluster, site, finance, workload,
 * reliability, name) from its own subtree alone, then checks that the sections fit together. So a
 * design's scenario is made of the records its sections read to, and a section's record depends
 * only on the axis values under it: each distinct set of them is read once (the base with just
 * those values set) and remembered. A design is then a handful of lookups instead of a YAML tree
 * built, checked and read. A design with a section that does not read, or whose sections do not fit
 * together, gets {@link Optional#empty()}: the caller reads it whole, so its problems are the full
 * read's. {@code DesignsTest} checks every design of several spaces against the full read. Safe to
 * share between threads; memory is bounded ({@link #CAPACITY} records per section).
 */
final class Designs {
  /** Section records remembered per section before starting afresh. */
  static final int CAPACITY = 4096;

  private final Catalog catalog;
  private final int capacity;
  private final Map<String, Object> base;
  private final Scenario baseScenario;
  private final boolean named;
  private final List<String> sections = new ArrayList<>();
  private final List<int[]> axesOf = new ArrayList<>();
  private final List<List<String>> pathsOf = new ArrayList<>();
  private final List<Map<Object, Optional<Scenario>>> read = new ArrayList<>();

  Designs(SweepSpec spec, Catalog catalog, Map<String, Object> base) {
    this(spec, catalog, base, CAPACITY);
  }

  /** Designs remembering at most {@code capacity} records per section. */
  Designs(SweepSpec spec, Catalog catalog, Map<String, Object> base, int capacity) {
    this.catalog = catalog;
    this.capacity = Math.max(1, capacity);
    this.base = base;
    this.baseScenario = readWhole(base, List.of(), List.of()).orElse(null);
    List<String> paths = spec.space().axes().stream().map(a -> a.path()).toList();
    Map<String, List<Integer>> bySection = new LinkedHashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.get(i);
      int dot = path.indexOf('.');
      bySection
          .computeIfAbsent(dot < 0 ? path : path.substring(0, dot), k -> new ArrayList<>())
          .add(i);
    }
    this.named = base.containsKey("name") || bySection.containsKey("name");
    bySection.forEach(
        (section, axes) -> {
          sections.add(section);
          axesOf.add(axes.stream().mapToInt(Integer::intValue).toArray());
          pathsOf.add(axes.stream().map(paths::get).toList());
          read.add(new ConcurrentHashMap<>());
        });
  }

  /** The design's scenario, or empty when it must be read whole (see the class comment). */
  Optional<Scenario> scenario(long id, List<String> values) {
    // A roadmap's designs are read whole: the sections here make no roadmap.
    if (baseScenario == null || baseScenario.roadmap().isPresent()) {
      return Optional.empty();
    }
    Scenario s = baseScenario;
    var cluster = s.cluster();
    var site = s.site();
    var finance = s.finance();
    var training = s.training();
    var inference = s.inference();
    var reliability = s.reliability();
    String name = named ? s.name() : "point-" + id;
    for (int k = 0; k < sections.size(); k++) {
      Optional<Scenario> part = section(k, values);
      if (part.isEmpty()) {
        return Optional.empty();
      }
      Scenario p = part.get();
      switch (sections.get(k)) {
        case "name" -> name = p.name();
        case "cluster" -> cluster = p.cluster();
        case "site" -> site = p.site();
        case "finance" -> finance = p.finance();
        case "workload" -> {
          training = p.training();
          inference = p.inference();
        }
        case "reliability" -> reliability = p.reliability();
        default -> {
          // A section the scenario keeps nothing of (description): read only to be checked.
        }
      }
    }
    // The reader's checks across sections: a design failing them is read whole.
    if (cluster.acceleratorCount() == 0 && (inference.isEmpty() || training.isPresent())) {
      return Optional.empty();
    }
    if (reliability.isPresent() && training.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Scenario(name, cluster, site, finance, training, reliability, inference));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  private Optional<Scenario> section(int k, List<String> values) {
    int[] axes = axesOf.get(k);
    // One axis (the usual case): its value is the key, without a list made for every design.
    Object key;
    if (axes.length == 1) {
      key = values.get(axes[0]);
    } else {
      List<String> several = new ArrayList<>(axes.length);
      for (int a : axes) {
        several.add(values.get(a));
      }
      key = several;
    }
    Map<Object, Optional<Scenario>> known = read.get(k);
    Optional<Scenario> part = known.get(key);
    if (part == null) {
      List<String> sectionValues = key instanceof String one ? List.of(one) : (List<String>) key;
      part = readWhole(base, pathsOf.get(k), sectionValues);
      if (known.size() >= capacity) {
        known.clear();
      }
      known.put(key, part);
    }
    return part;
  }

  private Optional<Scenario> readWhole(
      Map<String, Object> tree, List<String> paths, List<String> values) {
    try {
      var node = ScenarioTree.node(ScenarioTree.with(tree, paths, values));
      return Optional.of(ScenarioReader.read("point", node, catalog).scenario());
    } catch (InputException e) {
      return Optional.empty();
    }
  }
}
