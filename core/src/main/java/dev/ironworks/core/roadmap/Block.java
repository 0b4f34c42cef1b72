package dev.ironworks.core.roadmap;

/**
 * One purchase unit of a generation at a site, as the planner builds it there: a whole number of
 * servers holding about {@code roadmap.blockAccelerators} accelerators, with their share of the
 * fabric and storage.
 *
 * @param generation index into the roadmap's generations
 * @param site index into the roadmap's sites
 * @param accelerators accelerators in one block
 * @param acceleratorsCapexAtListUsd the block's accelerators at the catalog list price, after the
 *     volume discount of one block
 * @param listPriceUsd the list price the line above is at; the year's price path scales it
 * @param serversCapexUsd servers of one block, without their accelerators
 * @param networkCapexUsd fabric and storage of one block
 * @param itPeakWatts peak IT power of one block
 * @param facilityPeakWatts peak facility power (× PUE): what the site's supply must carry
 * @param facilityAverageWatts average facility power at the roadmap's utilization
 * @param nonEnergyOpexUsdPerYear maintenance, bandwidth, insurance and the staff that scale with
 *     MW, per block-year
 * @param embodiedKgCo2e manufacturing emissions of one block: accelerators, servers, switches,
 *     storage
 * @param floorAreaM2 white space of one block
 */
public record Block(
    int generation,
    int site,
    String acceleratorId,
    String serverId,
    int shipYear,
    long accelerators,
    double acceleratorsCapexAtListUsd,
    double listPriceUsd,
    double serversCapexUsd,
    double networkCapexUsd,
    double itPeakWatts,
    double facilityPeakWatts,
    double facilityAverageWatts,
    double nonEnergyOpexUsdPerYear,
    double embodiedKgCo2e,
    double floorAreaM2) {

  /** Capital of one block's accelerators and servers when the accelerators sell at a price. */
  public double computeCapexUsd(double priceUsd) {
    return acceleratorsCapexAtListUsd * priceUsd / listPriceUsd + serversCapexUsd;
  }

  /** Capital of one block bought when its accelerators sell for {@code priceUsd} each. */
  public double capexUsd(double priceUsd) {
    return computeCapexUsd(priceUsd) + networkCapexUsd;
  }
}
