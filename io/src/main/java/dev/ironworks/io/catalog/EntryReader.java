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
      case ACCELERATORS -> AcceleratorReader::read;
      case SERVERS -> ServerReader::read;
      case SCALE_UP -> ScaleUpReader::read;
      case FABRICS -> FabricReader::read;
      case STORAGE -> StorageTierReader::read;
      case COOLING -> CoolingReader::read;
      case REGIONS -> RegionReader::read;
      case ASSUMPTIONS -> AssumptionsReader::read;
      case MODELS -> ModelReader::entry;
      case CALIBRATION -> CalibrationReader::read;
      case FAILURE_RATES -> FailureRatesReader::entry;
    };
  }
}
