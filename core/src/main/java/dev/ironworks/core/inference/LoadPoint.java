package dev.ironworks.core.inference;

/**
 * A serving replica (or pool) under Poisson arrivals at one rate: how loaded it is and the
 * latencies its requests see.
 *
 * @param requestsPerSecond arrivals per second of one replica
 * @param utilization the rate over the most the replica completes with every slot busy
 * @param meanRunning sequences running on average
 * @param meanWaiting requests waiting for a slot on average
 * @param waitProbability share of requests that find every slot busy and queue
 * @param ttft time to first token
 * @param tpot time per output token after the first
 * @param endToEnd arrival to last token
 * @param goodput share of requests meeting both targets (1 without targets)
 */
public record LoadPoint(
    double requestsPerSecond,
    double utilization,
    double meanRunning,
    double meanWaiting,
    double waitProbability,
    LatencyQuantiles ttft,
    LatencyQuantiles tpot,
    LatencyQuantiles endToEnd,
    double goodput) {}
