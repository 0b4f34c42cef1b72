package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;

/** A site region: energy price and carbon, water, and what building or leasing costs there. */
public record Region(
    String id,
    String name,
    double electricityUsdPerKwh,
    double gridKgCo2ePerKwh,
    double wueLitersPerKwh,
    double constructionUsdPerMw,
    double colocationUsdPerKwMonth,
    Provenance provenance)
    implements CatalogEntry {
  public Region {
    Require.text("id", id);
    Require.nonNegative("electricityUsdPerKwh", electricityUsdPerKwh);
    Require.nonNegative("gridKgCo2ePerKwh", gridKgCo2ePerKwh);
    Require.nonNegative("wueLitersPerKwh", wueLitersPerKwh);
    Require.positive("constructionUsdPerMw", constructionUsdPerMw);
    Require.positive("colocationUsdPerKwMonth", colocationUsdPerKwMonth);
    Require.present("provenance", provenance);
  }
}
