package dev.ironworks.io.catalog;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.CatalogEntry;
import dev.ironworks.core.catalog.CatalogKind;
import dev.ironworks.io.yaml.Problems;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.yaml.snakeyaml.error.Mark;

/** Entries read from one or more catalog files, each with where it was read. */
final class EntriesRead {
  /** An entry, where its mapping starts, and the problems of the file it was read from. */
  record Located(CatalogEntry entry, Mark mark, Problems file) {}

  private final List<Located> inOrder = new ArrayList<>();
  private final Map<CatalogKind, SortedMap<String, Located>> byKind =
      new EnumMap<>(CatalogKind.class);

  EntriesRead() {
    for (CatalogKind kind : CatalogKind.values()) {
      byKind.put(kind, new TreeMap<>());
    }
  }

  /** Adds an entry; a second entry of the same kind and id is a problem of its file. */
  void add(Located located) {
    CatalogEntry entry = located.entry();
    CatalogKind kind = entry.catalogKind();
    SortedMap<String, Located> ids = byKind.get(kind);
    if (ids.containsKey(entry.id())) {
      located.file().add(located.mark(), kind.key() + "." + entry.id(), "duplicate id");
      return;
    }
    ids.put(entry.id(), located);
    inOrder.add(located);
  }

  /** Adds every entry of {@code other}, kind by kind; a duplicate is a problem of its file. */
  void addAll(EntriesRead other) {
    for (CatalogKind kind : CatalogKind.values()) {
      for (Located located : other.inOrder) {
        if (located.entry().catalogKind() == kind) {
          add(located);
        }
      }
    }
  }

  /** The entries of a kind read here, by id. */
  Collection<Located> of(CatalogKind kind) {
    return byKind.get(kind).values();
  }

  Catalog toCatalog() {
    return Catalog.of(inOrder.stream().map(Located::entry).toList());
  }
}
