package dev.ironworks.core.scenario;

import dev.ironworks.core.scenario.roadmap.RoadmapSpec;
import dev.ironworks.core.units.Require;
import java.util.Optional;

/**
 * A planning question: what is built, where, how it is paid for, and what runs on it; with a {@code
 * roadmap}, the same question over years.
 */
public record Scenario(
    String name,
    ClusterSpec cluster,
    SiteSpec site,
    FinanceSpec finance,
    Optional<TrainingRun> training,
    Optional<ReliabilitySpec> reliability,
    Optional<InferenceWorkload> inference,
    Optional<RoadmapSpec> roadmap) {
  public Scenario {
    Require.text("name", name);
    Require.present("cluster", cluster);
    Require.present("site", site);
    Require.present("finance", finance);
    Require.present("workload.training", training);
    Require.present("reliability", reliability);
    Require.present("workload.inference", inference);
    Require.present("roadmap", roadmap);
  }

  /** A scenario without a roadmap. */
  public Scenario(
      String name,
      ClusterSpec cluster,
      SiteSpec site,
      FinanceSpec finance,
      Optional<TrainingRun> training,
      Optional<ReliabilitySpec> reliability,
      Optional<InferenceWorkload> inference) {
    this(name, cluster, site, finance, training, reliability, inference, Optional.empty());
  }

  /** A scenario without inference. */
  public Scenario(
      String name,
      ClusterSpec cluster,
      SiteSpec site,
      FinanceSpec finance,
      Optional<TrainingRun> training,
      Optional<ReliabilitySpec> reliability) {
    this(name, cluster, site, finance, training, reliability, Optional.empty());
  }

  /** A scenario without a reliability section. */
  public Scenario(
      String name,
      ClusterSpec cluster,
      SiteSpec site,
      FinanceSpec finance,
      Optional<TrainingRun> training) {
    this(name, cluster, site, finance, training, Optional.empty(), Optional.empty());
  }
}
