package dev.ironworks.core.scenario;

/**
 * How a fleet splits the two phases of a request: {@code aggregated} replicas prefill and decode in
 * the same steps (continuous batching with chunked prefill); {@code disaggregated} fleets run a
 * prefill pool and a decode pool and move each request's KV cache between them over the fabric
 * (Zhong et al. 2024, DistServe); {@code auto} sizes both and keeps the cheaper.
 */
public enum ServingMode {
  AUTO("auto"),
  AGGREGATED("aggregated"),
  DISAGGREGATED("disaggregated");

  private final String id;

  ServingMode(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
