package dev.ironworks.io.catalog;

import dev.ironworks.core.catalog.CatalogEntry;
import dev.ironworks.core.catalog.CatalogKind;
import dev.ironworks.io.yaml.YamlMap;

/**
 * Reads one kind of catalog entry from its mapping in a catalog file, reporting what is wrong to
 * the mapping's problems; a record's invariant that fails throws {@link IllegalArgumentException}.
 */
@FunctionalInterface
interface EntryReader {
  CatalogEntry read(YamlMap m);

  /** The reader of a kind. */
  static EntryReader of(CatalogKind kind) {
    return switch (kind) {
      case ACCELERATORS -> EntryReaders::accelerator;
      case SERVERS -> EntryReaders::server;
      case SCALE_UP -> EntryReaders::scaleUp;
      case FABRICS -> EntryReaders::fabric;
      case STORAGE -> EntryReaders::storageTier;
      case COOLING -> EntryReaders::cooling;
      case REGIONS -> EntryReaders::region;
      case ASSUMPTIONS -> EntryReaders::assumptions;
      case MODELS -> EntryReaders::modelEntry;
      case CALIBRATION -> EntryReaders::calibration;
      case FAILURE_RATES -> EntryReaders::failureRatesEntry;
    };
  }
}
