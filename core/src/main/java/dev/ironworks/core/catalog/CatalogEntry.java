package dev.ironworks.core.catalog;

/**
 * An entry of the catalog: a part, a place, a set of assumptions or a workload's description, named
 * by its id, with where its figures come from. The kinds are closed: each record here is one {@link
 * CatalogKind}.
 */
public sealed interface CatalogEntry
    permits Accelerator,
        ServerSpec,
        ScaleUpInterconnect,
        Fabric,
        StorageTier,
        CoolingType,
        Region,
        Assumptions,
        TransformerModel,
        Calibration,
        FailureRates {

  /** The entry's id, unique within its kind. */
  String id();

  /** Where the entry's figures come from. */
  Provenance provenance();

  /** The kind of entry, as named in catalog files. */
  default CatalogKind catalogKind() {
    return CatalogKind.of(this);
  }
}
