package dev.ironworks.core.catalog;

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
}
