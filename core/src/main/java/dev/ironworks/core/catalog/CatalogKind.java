package dev.ironworks.core.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The kinds of catalog entry, named as in catalog files, each with the record of its entries. */
public enum CatalogKind {
  ACCELERATORS("accelerators", Accelerator.class),
  SERVERS("servers", ServerSpec.class),
  SCALE_UP("scaleUp", ScaleUpInterconnect.class),
  FABRICS("fabrics", Fabric.class),
  STORAGE("storage", StorageTier.class),
  COOLING("cooling", CoolingType.class),
  REGIONS("regions", Region.class),
  ASSUMPTIONS("assumptions", Assumptions.class),
  MODELS("models", TransformerModel.class),
  CALIBRATION("calibration", Calibration.class),
  FAILURE_RATES("failureRates", FailureRates.class);

  private static final Map<Class<? extends CatalogEntry>, CatalogKind> BY_TYPE =
      Arrays.stream(values()).collect(Collectors.toMap(k -> k.type, Function.identity()));

  private final String key;
  private final Class<? extends CatalogEntry> type;

  CatalogKind(String key, Class<? extends CatalogEntry> type) {
    this.key = key;
    this.type = type;
  }

  /** The key of this kind in a catalog file. */
  public String key() {
    return key;
  }

  /** The record of this kind's entries. */
  public Class<? extends CatalogEntry> type() {
    return type;
  }

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
