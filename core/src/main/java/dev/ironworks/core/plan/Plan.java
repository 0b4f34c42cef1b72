package dev.ironworks.core.plan;

import dev.ironworks.core.carbon.EnergyReport;
import dev.ironworks.core.cost.CostReport;
import dev.ironworks.core.facility.ClusterSizing;
import dev.ironworks.core.facility.PowerReport;
import dev.ironworks.core.facility.StorageSizing;
import dev.ironworks.core.inference.InferenceReport;
import dev.ironworks.core.network.FabricBom;
import dev.ironworks.core.reliability.ReliabilityReport;
import java.util.List;
import java.util.Optional;

/** Everything Ironworks says about one scenario. */
public record Plan(
    String scenarioName,
    SiteFigures site,
    ClusterSizing cluster,
    FabricBom network,
    StorageSizing storage,
    PowerReport power,
    CostReport cost,
    EnergyReport energy,
    Optional<TrainingReport> training,
    Optional<ReliabilityReport> reliability,
    Optional<InferenceReport> inference,
    List<String> notes) {
  public Plan {
    // The planner's notes are already an immutable list, formatted when read (Notes).
    notes = notes instanceof Notes.Texts ? notes : List.copyOf(notes);
  }
}
