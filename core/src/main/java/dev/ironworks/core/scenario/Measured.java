package dev.ironworks.core.scenario;

import java.util.OptionalDouble;

/** What a user measured on a run, to calibrate the model against: throughput or MFU. */
public record Measured(OptionalDouble tokensPerSecond, OptionalDouble mfu) {
  public Measured {
    if (tokensPerSecond.isEmpty() == mfu.isEmpty()) {
      throw new IllegalArgumentException(
          "workload.training.measured needs exactly one of tokensPerSecond or mfu");
    }
  }
}
