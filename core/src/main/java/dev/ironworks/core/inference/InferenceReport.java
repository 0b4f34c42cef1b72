package dev.ironworks.core.inference;

import java.util.List;

/**
 * The serving fleet and its economics.
 *
 * @param acceleratorCount accelerators of the serving fleet
 * @param capacityTokensPerDay average output tokens a day the fleet carries while meeting the
 *     targets at the peak: replicas × tokens/s × 86,400 / peak-to-average
 * @param utilization average demand over the fleet's throughput
 * @param meetsTargets a configuration meets the latency targets and the fleet carries the demand
 * @param singleStreamTpotSeconds one sequence alone (batch 1)
 * @param curve the replica's latency–throughput trade-off, batch by batch
 * @param serving the queueing figures: percentiles, utilisation, headroom, mode
 */
public record InferenceReport(
    String model,
    InferenceModel.Estimate chosen,
    long replicas,
    long acceleratorCount,
    double kvBytesPerToken,
    double averageTokensPerSecond,
    double peakTokensPerSecond,
    double capacityTokensPerDay,
    double utilization,
    boolean meetsTargets,
    double singleStreamTpotSeconds,
    double maxTokensPerSecondPerReplica,
    double usdPerMillionTokens,
    double whPer1000Tokens,
    double tco2ePerBillionTokens,
    double averagePowerWatts,
    List<InferenceModel.Estimate> curve,
    ServingFigures serving) {
  public InferenceReport {
    curve = List.copyOf(curve);
  }
}
