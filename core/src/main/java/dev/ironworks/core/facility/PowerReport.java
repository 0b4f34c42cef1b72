package dev.ironworks.core.facility;

/**
 * Power of the cluster and the facility around it. Peak sizes the electrical and cooling plant;
 * average (at the scenario's utilization) sets energy.
 *
 * @param acceleratorTdpWatts accelerators × TDP alone, the seed's simplification
 * @param serversPeakWatts accelerators × TDP + servers × host power
 * @param itAverageWatts average IT draw; the measured per-accelerator figure when one is given
 * @param measuredAverage whether {@code itAverageWatts} comes from a measured figure
 * @param loadFractionOfPeak what the servers draw busy, as a fraction of their peak (the
 *     accelerator generation's figure, or the assumptions')
 */
public record PowerReport(
    double acceleratorTdpWatts,
    double serversPeakWatts,
    double networkWatts,
    double storageWatts,
    double itPeakWatts,
    double serversAverageWatts,
    double itAverageWatts,
    double itBusyWatts,
    double pue,
    boolean measuredAverage,
    double loadFractionOfPeak) {

  public double facilityPeakWatts() {
    return itPeakWatts * pue;
  }

  public double facilityAverageWatts() {
    return itAverageWatts * pue;
  }

  /** Cooling and power-distribution overhead at peak: facility − IT. */
  public double overheadPeakWatts() {
    return facilityPeakWatts() - itPeakWatts;
  }

  /** Cooling and power-distribution overhead on average: facility − IT. */
  public double overheadAverageWatts() {
    return facilityAverageWatts() - itAverageWatts;
  }

  /** The servers' own draw at peak besides their accelerators: CPUs, memory, NICs, fans. */
  public double hostsPeakWatts() {
    return serversPeakWatts - acceleratorTdpWatts;
  }

  /** The seed's figure: accelerators' TDP × PUE, without hosts, network or storage. */
  public double acceleratorOnlyFacilityWatts() {
    return acceleratorTdpWatts * pue;
  }
}
