package dev.ironworks.core.roadmap;

/**
 * How the fleet and the power are used, year by year: accelerator-years of each generation given to
 * each demand, what is rented from the cloud or left unserved, and where each site's energy comes
 * from.
 *
 * @param allocation accelerator-years, [generation][demand][year]
 * @param cloudAcceleratorYears rented accelerator-years of {@link RoadmapInputs#cloudGeneration},
 *     [demand][year]
 * @param unservedWork work neither the fleet nor the cloud does, [demand][year]
 * @param energyMwh energy by source, [site][year][source] ({@link Source} order; PPA is the sum of
 *     the contracts)
 * @param ppaMwh energy of each power purchase agreement, [site][year][contract]
 */
public record Operations(
    double[][][] allocation,
    double[][] cloudAcceleratorYears,
    double[][] unservedWork,
    double[][][] energyMwh,
    double[][][] ppaMwh) {
  public Operations {
    allocation = copy3(allocation);
    cloudAcceleratorYears = Investments.copy(cloudAcceleratorYears);
    unservedWork = Investments.copy(unservedWork);
    energyMwh = copy3(energyMwh);
    ppaMwh = copy3(ppaMwh);
  }

  static double[][][] copy3(double[][][] a) {
    double[][][] c = new double[a.length][][];
    for (int i = 0; i < a.length; i++) {
      c[i] = Investments.copy(a[i]);
    }
    return c;
  }

  /** Where a site's energy comes from. PPAs are one source, all contracts together. */
  public enum Source {
    GRID("grid"),
    PPA("ppa"),
    GAS("gas"),
    SOLAR("solar"),
    NUCLEAR("nuclear");

    private final String id;

    Source(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }
}
