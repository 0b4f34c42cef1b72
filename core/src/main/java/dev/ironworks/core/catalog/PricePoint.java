package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;

/**
 * What one accelerator sells for in a calendar year, with where the figure comes from (a price path
 * is a list of them; estimates say so in {@code source}).
 */
public record PricePoint(int year, double usd, String source) {
  public PricePoint {
    Require.positive("pricePath.year", year);
    Require.positive("pricePath.usd", usd);
    Require.text("pricePath.source", source);
  }
}
