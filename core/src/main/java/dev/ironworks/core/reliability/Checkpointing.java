package dev.ironworks.core.reliability;

/**
 * Optimal checkpoint intervals and the expected cost of failures for a job with exponential
 * failures of mean M, checkpoint cost δ and restart R.
 */
public final class Checkpointing {
  private Checkpointing() {}

  /** Young 1974: τ = √(2δM). */
  public static double youngSeconds(double deltaSeconds, double mtbfSeconds) {
    return Math.sqrt(2 * deltaSeconds * mtbfSeconds);
  }

  /**
   * Daly 2006 (FGCS 22(3), eq. 37): τ = √(2δM)·[1 + ⅓√(δ/2M) + (δ/2M)/9] − δ for δ < 2M, else τ =
   * M.
   */
  public static double dalySeconds(double deltaSeconds, double mtbfSeconds) {
    if (deltaSeconds >= 2 * mtbfSeconds) {
      return mtbfSeconds;
    }
    double x = deltaSeconds / (2 * mtbfSeconds);
    return Math.sqrt(2 * deltaSeconds * mtbfSeconds) * (1 + Math.sqrt(x) / 3 + x / 9)
        - deltaSeconds;
  }

  /**
   * Daly 2006 eq. 13: expected wall time to do {@code workSeconds} of work checkpointing every τ of
   * work, when failures (mean M, exponential) can strike during work, checkpoints and restarts
   * alike: M·e^{R/M}·(e^{(τ+δ)/M} − 1)·T/τ.
   */
  public static double expectedWallSeconds(
      double workSeconds,
      double tauSeconds,
      double deltaSeconds,
      double restartSeconds,
      double mtbfSeconds) {
    if (Double.isInfinite(mtbfSeconds)) {
      return workSeconds * (tauSeconds + deltaSeconds) / tauSeconds;
    }
    return mtbfSeconds
        * Math.exp(restartSeconds / mtbfSeconds)
        * Math.expm1((tauSeconds + deltaSeconds) / mtbfSeconds)
        * workSeconds
        / tauSeconds;
  }

  /** First-order waste: δ/τ + (τ + δ)/(2M) + R/M (docs/architecture.md, Reliability model). */
  public static double firstOrderWaste(
      double tauSeconds, double deltaSeconds, double restartSeconds, double mtbfSeconds) {
    return deltaSeconds / tauSeconds
        + (tauSeconds + deltaSeconds) / (2 * mtbfSeconds)
        + restartSeconds / mtbfSeconds;
  }
}
