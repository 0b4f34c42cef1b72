package dev.ironworks.core.sim;

import dev.ironworks.core.inference.LatencyQuantiles;
import java.util.List;

/**
 * What a serving simulation measured.
 *
 * @param requests requests that arrived
 * @param completed requests that finished (all of them: the run drains the fleet)
 * @param measured requests the latencies and goodput count: those that arrived after the fleet
 *     filled and before it drained (all of them without a warm-up)
 * @param simulatedSeconds from the first arrival to the last token
 * @param arrivalsPerSecond requests a second that arrived, over the arrivals' span
 * @param outputTokensPerSecond tokens generated a second over the measured window
 * @param ttft time to first token of the measured requests
 * @param tpot time per output token after the first (measured requests of more than one token)
 * @param endToEnd arrival to last token of the measured requests
 * @param goodput share of the measured requests meeting both targets (1 without targets)
 * @param meanQueued requests waiting, on average over the measured window
 * @param maxQueued the most requests waiting at once
 * @param meanKvOccupancy share of the fleet's KV cache in use, on average over the measured window
 * @param preemptions sequences evicted to free KV cache (recomputed later)
 * @param truncated requests whose output was cut to fit a replica's KV cache
 * @param samples queue and KV occupancy over time
 * @param events events handled
 */
public record ServingSimulationReport(
    long seed,
    int requests,
    int completed,
    int measured,
    double simulatedSeconds,
    double arrivalsPerSecond,
    double outputTokensPerSecond,
    LatencyQuantiles ttft,
    LatencyQuantiles tpot,
    LatencyQuantiles endToEnd,
    Histogram ttftHistogram,
    Histogram tpotHistogram,
    Histogram endToEndHistogram,
    double goodput,
    double meanQueued,
    int maxQueued,
    double meanKvOccupancy,
    long preemptions,
    int truncated,
    List<Sample> samples,
    long events) {
  public ServingSimulationReport {
    samples = List.copyOf(samples);
  }

  /**
   * The fleet at one instant.
   *
   * @param queued requests waiting for a slot (or for their KV cache to be admitted)
   * @param running sequences prefilling or decoding
   * @param kvOccupancy share of the fleet's KV cache in use
   */
  public record Sample(double timeSeconds, int queued, int running, double kvOccupancy) {}
}
