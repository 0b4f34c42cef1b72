package dev.ironworks.web;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.compute.SearchMemo;
import dev.ironworks.core.reliability.ReliabilityReport;
import dev.ironworks.core.roadmap.RoadmapPlan;
import dev.ironworks.core.sim.MonteCarlo;
import dev.ironworks.core.sim.RunSetup;
import dev.ironworks.core.sim.SimulationReport;
import dev.ironworks.core.sim.SimulationStopped;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.render.RoadmapView;
import dev.ironworks.io.render.SimulationView;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.service.PlanService;
import dev.ironworks.io.yaml.InputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Scenario text to plan and simulation trees, as `ironworks plan` and `ironworks simulate` make
 * them; every problem with the text becomes an HTTP 400 naming the field and line.
 */
final class Planning {
  /** Problems in request bodies are labelled with this name. */
  static final String SCENARIO = "scenario";

  /** Scenario texts up to this length have their plan JSON remembered. */
  static final int CACHED_TEXT_CHARS = 64 * 1024;

  /** Plans remembered. */
  static final int CACHED_PLANS = 128;

  /**
   * Reads and plans against the server's catalog, with parallel-configuration searches remembered
   * across requests: a search is a pure function of its arguments and most of a training plan's
   * time (milliseconds, against a tenth of one for the rest), and edits to site, finance or
   * reliability leave it unchanged. Bounded in size.
   */
  private final PlanService service;

  private final Limits limits;

  /**
   * Plans run on at most as many request threads at once as there are cores, served in arrival
   * order: under load a request waits its turn instead of sharing the cores with every other.
   */
  private final Semaphore cores = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

  /**
   * The last plans rendered, by the exact scenario text: the planner is a pure function of the text
   * and the server's catalog, so a text seen again (the editor re-planning what it showed before, a
   * dashboard reloaded) gets the same bytes without planning. At most {@link #CACHED_PLANS} texts
   * of {@link #CACHED_TEXT_CHARS} characters each.
   */
  private final Map<String, String> recent =
      new LinkedHashMap<>(CACHED_PLANS, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > CACHED_PLANS;
        }
      };

  /** Simulations run one at a time, each on every core, in arrival order. */
  private final Semaphore simulations = new Semaphore(1, true);

  /** Nanoseconds from a fixed origin, as {@link System#nanoTime()}: the simulation's time limit. */
  private final LongSupplier clock;

  Planning(Catalog catalog, Limits limits) {
    this(catalog, limits, System::nanoTime);
  }

  /** A planner whose simulation time limit is read from {@code clock} (tests step it by hand). */
  Planning(Catalog catalog, Limits limits, LongSupplier clock) {
    this.service = new PlanService(catalog, new SearchMemo());
    this.limits = limits;
    this.clock = clock;
  }

  Catalog catalog() {
    return service.catalog();
  }

  /** Reads a scenario (YAML or JSON text): 400 with every problem when it does not read. */
  ScenarioReader.Result read(String text) {
    if (text.isBlank()) {
      throw ApiException.of(400, "", "the body is empty: send a scenario in YAML or JSON");
    }
    return badRequest(() -> service.read(SCENARIO, text));
  }

  /** The plan as JSON text, what `ironworks plan --format json` prints. */
  String planJson(String text) {
    boolean cacheable = text.length() <= CACHED_TEXT_CHARS;
    if (cacheable) {
      synchronized (recent) {
        String known = recent.get(text);
        if (known != null) {
          return known;
        }
      }
    }
    String json = planJsonUncached(text);
    if (cacheable) {
      synchronized (recent) {
        recent.put(text, json);
      }
    }
    return json;
  }

  private String planJsonUncached(String text) {
    return withPermit(cores, () -> JsonRenderer.render(plan(text).view()));
  }

  /**
   * What {@code work} returns, run once {@code permits} lets it (503 if the server stops first).
   */
  private static <T> T withPermit(Semaphore permits, Supplier<T> work) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.of(503, "", "the server is stopping");
    }
    try {
      return work.get();
    } finally {
      permits.release();
    }
  }

  /**
   * The roadmap of a scenario with a roadmap section as JSON text, what `ironworks roadmap --format
   * json` prints (every strategy by the solver); 400 naming {@code roadmap} without one. Remembered
   * by its text as plans are.
   */
  String roadmapJson(String text) {
    String key = "roadmap\n" + text;
    boolean cacheable = text.length() <= CACHED_TEXT_CHARS;
    if (cacheable) {
      synchronized (recent) {
        String known = recent.get(key);
        if (known != null) {
          return known;
        }
      }
    }
    ScenarioReader.Result read = read(text);
    String json = withPermit(cores, () -> JsonRenderer.render(RoadmapView.of(roadmap(read))));
    if (cacheable) {
      synchronized (recent) {
        recent.put(key, json);
      }
    }
    return json;
  }

  /** A read scenario's roadmap, every strategy by the solver; 400 when it has none. */
  RoadmapPlan roadmap(ScenarioReader.Result read) {
    return badRequest(() -> service.roadmap(read, true));
  }

  /**
   * Reads and plans a scenario: 400 with every problem when it does not read or cannot be built.
   */
  PlanService.Planned plan(String text) {
    ScenarioReader.Result read = read(text);
    return badRequest(() -> service.plan(read));
  }

  /** What {@code step} returns, its bad input a 400 naming each problem. */
  private static <T> T badRequest(Supplier<T> step) {
    try {
      return step.get();
    } catch (InputException e) {
      throw new ApiException(400, e.problems());
    }
  }

  /**
   * Simulates a planned training run: {@code trials} between 1 and the limit; stopped (HTTP 422)
   * when it runs past the time limit.
   */
  Map<String, Object> simulate(PlanService.Planned planned, int trials, long seed) {
    if (trials < 1 || trials > limits.maxTrials()) {
      throw ApiException.of(400, "trials", "must be between 1 and " + limits.maxTrials());
    }
    ReliabilityReport analytic = badRequest(planned::reliability);
    return withPermit(
        simulations, () -> SimulationView.of(monteCarlo(analytic, trials, seed), analytic));
  }

  /**
   * The trials, stopped at the time limit: every thread asks the clock before each trial and every
   * {@link dev.ironworks.core.sim.TrainingRunSimulation#STOP_CHECK_EVENTS} events of one, so the
   * limit holds to within that much work however long a single trial would run.
   */
  private SimulationReport monteCarlo(ReliabilityReport analytic, int trials, long seed) {
    long deadline = clock.getAsLong() + limits.simulateSeconds() * 1_000_000_000L;
    try {
      return MonteCarlo.run(
          RunSetup.from(analytic),
          trials,
          seed,
          Runtime.getRuntime().availableProcessors(),
          done -> {},
          () -> clock.getAsLong() - deadline > 0);
    } catch (SimulationStopped e) {
      throw ApiException.of(
          422,
          "trials",
          "the simulation ran past the limit of "
              + limits.simulateSeconds()
              + " s; ask for fewer trials");
    }
  }
}
