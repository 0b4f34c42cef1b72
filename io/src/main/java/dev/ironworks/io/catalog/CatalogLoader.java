package dev.ironworks.io.catalog;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.CatalogEntry;
import dev.ironworks.core.catalog.CatalogKind;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import dev.ironworks.io.yaml.Problems;
import dev.ironworks.io.yaml.TextFiles;
import dev.ironworks.io.yaml.YamlMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads catalog files: the shipped ones and a user's overrides. Each file maps a kind ({@code
 * accelerators}, {@code servers} …) to a list of entries, each read by its kind's {@link
 * EntryReader}; see docs/reference/catalog.md.
 */
public final class CatalogLoader {
  /** Shipped catalog files, as resources beside this class's package. */
  public static final List<String> BUILTIN_FILES =
      List.of(
          "accelerators.yaml",
          "servers.yaml",
          "scale-up.yaml",
          "fabrics.yaml",
          "storage.yaml",
          "cooling.yaml",
          "regions.yaml",
          "assumptions.yaml",
          "models.yaml",
          "calibration.yaml",
          "failure-rates.yaml");

  private static final String RESOURCE_DIR = "/dev/ironworks/catalog/";
  private static volatile Catalog builtin;

  private CatalogLoader() {}

  /** The shipped catalog, read once. */
  public static Catalog builtin() {
    Catalog local = builtin;
    if (local == null) {
      synchronized (CatalogLoader.class) {
        local = builtin;
        if (local == null) {
          local = readBuiltin();
          builtin = local;
        }
      }
    }
    return local;
  }

  private static Catalog readBuiltin() {
    EntriesRead all = new EntriesRead();
    List<Problem> problems = new ArrayList<>();
    for (String file : BUILTIN_FILES) {
      String text =
          TextFiles.resource(RESOURCE_DIR + file)
              .orElseThrow(() -> new IllegalStateException("missing catalog resource " + file));
      Problems fileProblems = new Problems("catalog/" + file);
      all.addAll(parse(text, fileProblems));
      problems.addAll(fileProblems.list());
    }
    Catalog catalog = all.toCatalog();
    Problems cross = new Problems("catalog");
    CrossReferences.check(catalog, all, cross);
    problems.addAll(cross.list());
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    return catalog;
  }

  /** The shipped catalog with a user's file laid over it. */
  public static Catalog withOverrides(Catalog base, Path file) {
    return withOverrides(base, file.toString(), TextFiles.read(file));
  }

  /**
   * The shipped catalog with a user's catalog text laid over it; {@code fileName} labels problems
   * (a Spark executor gets the text from the driver, not from its own disk).
   */
  public static Catalog withOverrides(Catalog base, String fileName, String text) {
    Problems problems = new Problems(fileName);
    EntriesRead read = parse(text, problems);
    problems.throwIfAny();
    Catalog merged = base.overriddenBy(read.toCatalog());
    CrossReferences.check(merged, read, problems);
    problems.throwIfAny();
    return merged;
  }

  /** Parses one catalog file's text; problems go to {@code problems}. */
  static EntriesRead parse(String text, Problems problems) {
    EntriesRead read = new EntriesRead();
    Optional<YamlMap> root = YamlMap.document(text, problems);
    if (root.isEmpty()) {
      return read;
    }
    for (CatalogKind kind : CatalogKind.values()) {
      EntryReader reader = EntryReader.of(kind);
      for (YamlMap entry : root.get().maps(kind.key())) {
        entry(reader, entry)
            .ifPresent(e -> read.add(new EntriesRead.Located(e, entry.mark(), problems)));
      }
    }
    root.get().finish();
    return read;
  }

  /**
   * One entry, or empty when it has a problem: a field the reader reported, or an invariant of the
   * record (reported here, on the entry's line, when the reader had not already).
   */
  private static Optional<CatalogEntry> entry(EntryReader reader, YamlMap m) {
    int before = m.problems().list().size();
    CatalogEntry value;
    try {
      value = reader.read(m);
    } catch (IllegalArgumentException e) {
      if (m.problems().list().size() == before) {
        m.problems().add(m.mark(), m.path(), e.getMessage());
      }
      m.finish();
      return Optional.empty();
    }
    m.finish();
    if (m.problems().list().size() > before) {
      return Optional.empty();
    }
    return Optional.of(value);
  }
}
