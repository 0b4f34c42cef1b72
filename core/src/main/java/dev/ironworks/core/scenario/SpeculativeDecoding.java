package dev.ironworks.core.scenario;

import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.units.Require;
import java.util.Optional;

/**
 * Speculative decoding: each step a drafter proposes {@code draftTokens} tokens that the model
 * verifies in one pass; each is accepted with probability {@code acceptanceRate} until the first
 * rejection (Leviathan et al. 2023, §3).
 *
 * @param method {@code draft} (a smaller model) or {@code mtp} (the model's own multi-token
 *     prediction layer, DeepSeek-AI 2024, DeepSeek-V3 §2.2)
 * @param draftModel the drafter's architecture, for {@code draft}
 */
public record SpeculativeDecoding(
    Method method,
    int draftTokens,
    double acceptanceRate,
    Optional<String> draftModelName,
    Optional<TransformerModel> draftModel) {
  /** Where the draft tokens come from. */
  public enum Method {
    DRAFT("draft"),
    MTP("mtp");

    private final String id;

    Method(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  public SpeculativeDecoding {
    Require.present("workload.inference.speculative.method", method);
    if (draftTokens < 1) {
      throw new IllegalArgumentException(
          "workload.inference.speculative.draftTokens must be >= 1, got " + draftTokens);
    }
    if (!(acceptanceRate >= 0 && acceptanceRate < 1)) {
      throw new IllegalArgumentException(
          "workload.inference.speculative.acceptanceRate must be in [0, 1), got " + acceptanceRate);
    }
    if (method == Method.DRAFT && draftModel.isEmpty()) {
      throw new IllegalArgumentException(
          "workload.inference.speculative.draftModel is required with method draft");
    }
  }

  /**
   * Expected tokens a sequence gains per verification step: (1 − α^(γ+1)) / (1 − α) (Leviathan et
   * al. 2023, eq. 1).
   */
  public double tokensPerStep() {
    double a = acceptanceRate;
    return (1 - Math.pow(a, draftTokens + 1)) / (1 - a);
  }
}
