package dev.ironworks.core.roadmap;

import java.util.List;

/**
 * Everything Ironworks says about a roadmap: the optimal plan and each named strategy's, side by
 * side, with what the performance table found and the notes.
 *
 * @param optimised whether the plans are the solver's (else the rule's, {@link RulePolicy})
 * @param results the plan with every option open first, then each named strategy's
 */
public record RoadmapPlan(
    String scenarioName,
    boolean optimised,
    RoadmapInputs inputs,
    List<RoadmapResult> results,
    List<String> notes) {
  public RoadmapPlan {
    results = List.copyOf(results);
    notes = List.copyOf(notes);
  }
}
