package dev.ironworks.core.scenario.roadmap;

import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.units.Require;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Tokens to serve a day, by year, at latency targets.
 *
 * @param tokensPerDay average output tokens a day, by year
 */
public record ServingDemand(
    String name,
    String model,
    TransformerModel architecture,
    Growth tokensPerDay,
    double promptTokens,
    double outputTokens,
    double peakToAverage,
    Optional<Precision> precision,
    OptionalDouble ttftMillis,
    OptionalDouble tpotMillis) {
  public ServingDemand {
    Require.text("roadmap.demand.serving.name", name);
    Require.text("roadmap.demand.serving.model", model);
    Require.present("roadmap.demand.serving.model", architecture);
    Require.present("roadmap.demand.serving.tokensPerDay", tokensPerDay);
    Require.positive("roadmap.demand.serving.promptTokens", promptTokens);
    Require.positive("roadmap.demand.serving.outputTokens", outputTokens);
    Require.atLeast("roadmap.demand.serving.peakToAverage", peakToAverage, 1);
    Require.present("roadmap.demand.serving.precision", precision);
  }
}
