package dev.ironworks.core.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The kinds of catalog entry, named as in catalog files. */
public enum CatalogKind {
  ACCELERATORS("accelerators"),
  SERVERS("servers"),
  SCALE_UP("scaleUp"),
  FABRICS("fabrics"),
  STORAGE("storage"),
  COOLING("cooling"),
  REGIONS("regions"),
  ASSUMPTIONS("assumptions"),
  MODELS("models"),
  CALIBRATION("calibration"),
  FAILURE_RATES("failureRates");

  private final String key;

  CatalogKind(String key) {
    this.key = key;
  }

  /** The key of this kind in a catalog file. */
  public String key() {
    return key;
  }

  /** The record of this kind's entries. */
  public Class<? extends CatalogEntry> type() {
    return switch (this) {
      case ACCELERATORS -> Accelerator.class;
      case SERVERS -> ServerSpec.class;
      case SCALE_UP -> ScaleUpInterconnect.class;
      case FABRICS -> Fabric.class;
      case STORAGE -> StorageTier.class;
      case COOLING -> CoolingType.class;
      case REGIONS -> Region.class;
      case ASSUMPTIONS -> Assumptions.class;
      case MODELS -> TransformerModel.class;
      case CALIBRATION -> Calibration.class;
      case FAILURE_RATES -> FailureRates.class;
    };
  }

  private static final Map<Class<? extends CatalogEntry>, CatalogKind> BY_TYPE =
      Arrays.stream(values()).collect(Collectors.toMap(CatalogKind::type, Function.identity()));

  /** The kind of an entry. */
  public static CatalogKind of(CatalogEntry entry) {
    return BY_TYPE.get(entry.getClass());
  }

  /** The kind whose key is {@code key}, in any case. */
  public static Optional<CatalogKind> byKey(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equalsIgnoreCase(key)).findFirst();
  }

  /** Every kind's key, in declaration order. */
  public static List<String> keys() {
    return Arrays.stream(values()).map(CatalogKind::key).toList();
  }
}
