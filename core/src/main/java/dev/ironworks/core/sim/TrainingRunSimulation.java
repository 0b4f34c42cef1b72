package dev.ironworks.core.sim;

import dev.ironworks.core.units.Units;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * One training run as a discrete-event process. The job computes; every interval of compute it
 * checkpoints (stalling for the write, or for the copy to host memory when asynchronous, the write
 * then finishing in the background); a failure of any component in its blast radius — also during a
 * checkpoint or a restart — throws it back to the last durable checkpoint and restarts it; a failed
 * server is swapped for a hot spare and sent to repair, or, with no spare left, the job waits for a
 * repair; planned maintenance takes a checkpoint and restarts. Power is the busy draw while
 * computing or checkpointing and the idle draw otherwise. No wall clock is read; randomness comes
 * from the generator passed in.
 */
public final class TrainingRunSimulation {
  /** Events handled between two questions to the stop request. */
  public static final int STOP_CHECK_EVENTS = 1024;

  private final RunParameters p;
  private final RandomGenerator rng;
  private final TimelineSink timeline;
  private final BooleanSupplier stop;
  private final FailureProcess failures;
  private final EventQueue queue = new EventQueue();

  private double nowSeconds;
  private double progressSeconds;
  private double durableSeconds;
  private double nextCheckpointSeconds;
  private double snapshotSeconds;
  private RunState state = RunState.RUNNING;
  private long epoch;
  private int spares;
  private int waiting;
  private double waitStartSeconds;
  private double waitSeconds;
  private int interruptions;
  private int failureCount;
  private int planned;
  private double busySeconds;
  private double idleSeconds;
  private long events;

  private TrainingRunSimulation(
      RunParameters p, RandomGenerator rng, TimelineSink timeline, BooleanSupplier stop) {
    this.p = p;
    this.rng = rng;
    this.timeline = timeline;
    this.stop = stop;
    this.failures = p.failureProcess();
    this.spares = p.spareServers();
  }

  /** Simulates one run. */
  public static TrialResult run(RunParameters p, RandomGenerator rng, TimelineSink timeline) {
    return run(p, rng, timeline, () -> false);
  }

  /**
   * Simulates one run, asking {@code stop} every {@link #STOP_CHECK_EVENTS} events.
   *
   * @throws SimulationStopped when {@code stop} answers true
   */
  public static TrialResult run(
      RunParameters p, RandomGenerator rng, TimelineSink timeline, BooleanSupplier stop) {
    return new TrainingRunSimulation(p, rng, timeline, stop).simulate();
  }

  private TrialResult simulate() {
    failures.reset(rng);
    double first = failures.next(0, rng);
    if (!Double.isInfinite(first)) {
      queue.schedule(first, EventKind.FAILURE, 0, failures.lastClass().ordinal());
    }
    if (!Double.isInfinite(p.maintenancePeriodSeconds())) {
      queue.schedule(rng.nextDouble() * p.maintenancePeriodSeconds(), EventKind.MAINTENANCE, 0, 0);
    }
    nextCheckpointSeconds = p.intervalSeconds();
    scheduleRunning();
    boolean completed = false;
    SimEvent e;
    while ((e = queue.poll()) != null) {
      if (e.time() > p.limitSeconds()) {
        advance(p.limitSeconds());
        break;
      }
      advance(e.time());
      if (++events % STOP_CHECK_EVENTS == 0 && stop.getAsBoolean()) {
        throw new SimulationStopped();
      }
      if (handle(e)) {
        completed = true;
        break;
      }
    }
    if (state == RunState.WAITING_FOR_SERVER) {
      waitSeconds += nowSeconds - waitStartSeconds;
    }
    double wall = nowSeconds;
    return new TrialResult(
        wall,
        interruptions,
        failureCount,
        planned,
        completed ? p.workSeconds() / wall : progressSeconds / Math.max(wall, 1e-9),
        Units.joulesToMegawattHours(
            (busySeconds * p.busyWatts() + idleSeconds * p.idleWatts()) * p.pue()),
        waitSeconds,
        events,
        completed);
  }

  /** Handles one event; returns true when the work is done. */
  private boolean handle(SimEvent e) {
    switch (e.kind()) {
      case FAILURE -> onFailure(ComponentClass.values()[(int) e.value()]);
      case REPAIR_DONE -> onRepair();
      case RESTART_DONE -> {
        if (e.epoch() == epoch) {
          state = RunState.RUNNING;
          nextCheckpointSeconds = progressSeconds + p.intervalSeconds();
          record(EventKind.RESTART_DONE, "");
          scheduleRunning();
        }
      }
      case CHECKPOINT_DUE -> {
        if (e.epoch() == epoch && state == RunState.RUNNING) {
          state = RunState.CHECKPOINTING;
          snapshotSeconds = progressSeconds;
          queue.schedule(
              nowSeconds + p.stallSeconds(), EventKind.CHECKPOINT_DONE, epoch, snapshotSeconds);
          record(EventKind.CHECKPOINT_DUE, "");
        }
      }
      case CHECKPOINT_DONE -> {
        if (e.epoch() == epoch && state == RunState.CHECKPOINTING) {
          if (p.async()) {
            queue.schedule(nowSeconds + p.writeSeconds(), EventKind.WRITE_DONE, epoch, e.value());
          } else {
            durableSeconds = e.value();
          }
          state = RunState.RUNNING;
          nextCheckpointSeconds = progressSeconds + p.intervalSeconds();
          record(EventKind.CHECKPOINT_DONE, "");
          scheduleRunning();
        }
      }
      case WRITE_DONE -> {
        if (e.epoch() == epoch) {
          durableSeconds = Math.max(durableSeconds, e.value());
          record(EventKind.WRITE_DONE, "");
        }
      }
      case MAINTENANCE -> onMaintenance();
      case STALL_DONE -> {
        if (e.epoch() == epoch && state == RunState.CHECKPOINTING) {
          state = RunState.RESTARTING;
          queue.schedule(nowSeconds + p.restartSeconds(), EventKind.RESTART_DONE, epoch, 0);
          record(EventKind.STALL_DONE, "");
        }
      }
      case WORK_DONE -> {
        if (e.epoch() == epoch && state == RunState.RUNNING) {
          state = RunState.DONE;
          record(EventKind.WORK_DONE, "");
          return true;
        }
      }
      case STEP_DONE, KV_ARRIVAL, REQUEST_ARRIVAL ->
          throw new IllegalStateException("a training run schedules no serving event: " + e);
    }
    return false;
  }

  private void onFailure(ComponentClass c) {
    failureCount++;
    double next = failures.next(nowSeconds, rng);
    if (!Double.isInfinite(next)) {
      queue.schedule(next, EventKind.FAILURE, 0, failures.lastClass().ordinal());
    }
    boolean needServer = false;
    if (c.takesServer()) {
      queue.schedule(nowSeconds + p.repairSeconds(), EventKind.REPAIR_DONE, 0, 0);
      if (spares > 0) {
        spares--;
      } else {
        waiting++;
        needServer = true;
      }
    }
    if (state == RunState.WAITING_FOR_SERVER || state == RunState.DONE) {
      record(EventKind.FAILURE, c.name());
      return;
    }
    interruptions++;
    epoch++;
    progressSeconds = durableSeconds;
    if (needServer || waiting > 0) {
      state = RunState.WAITING_FOR_SERVER;
      waitStartSeconds = nowSeconds;
    } else {
      state = RunState.RESTARTING;
      queue.schedule(nowSeconds + p.restartSeconds(), EventKind.RESTART_DONE, epoch, 0);
    }
    record(EventKind.FAILURE, c.name());
  }

  private void onRepair() {
    if (waiting > 0) {
      waiting--;
      if (waiting == 0 && state == RunState.WAITING_FOR_SERVER) {
        waitSeconds += nowSeconds - waitStartSeconds;
        state = RunState.RESTARTING;
        queue.schedule(nowSeconds + p.restartSeconds(), EventKind.RESTART_DONE, epoch, 0);
      }
    } else {
      spares++;
    }
    record(EventKind.REPAIR_DONE, "");
  }

  private void onMaintenance() {
    queue.schedule(nowSeconds + p.maintenancePeriodSeconds(), EventKind.MAINTENANCE, 0, 0);
    if (state != RunState.RUNNING && state != RunState.CHECKPOINTING) {
      return;
    }
    // A planned stop saves a checkpoint first, so no work is lost: stall, then restart.
    planned++;
    interruptions++;
    epoch++;
    durableSeconds = progressSeconds;
    state = RunState.CHECKPOINTING;
    queue.schedule(nowSeconds + p.stallSeconds(), EventKind.STALL_DONE, epoch, 0);
    record(EventKind.MAINTENANCE, "");
  }

  /** While running: the next checkpoint or the end of the work, whichever comes first. */
  private void scheduleRunning() {
    double toCheckpoint = nextCheckpointSeconds - progressSeconds;
    double toDone = p.workSeconds() - progressSeconds;
    if (toDone <= toCheckpoint) {
      queue.schedule(nowSeconds + toDone, EventKind.WORK_DONE, epoch, 0);
    } else {
      queue.schedule(nowSeconds + toCheckpoint, EventKind.CHECKPOINT_DUE, epoch, 0);
    }
  }

  private void advance(double time) {
    double dt = time - nowSeconds;
    if (dt > 0) {
      switch (state) {
        case RUNNING -> {
          progressSeconds += dt;
          busySeconds += dt;
        }
        case CHECKPOINTING -> busySeconds += dt;
        case RESTARTING, WAITING_FOR_SERVER -> idleSeconds += dt;
        case DONE -> {}
      }
    }
    nowSeconds = Math.max(nowSeconds, time);
  }

  private void record(EventKind kind, String detail) {
    timeline.record(nowSeconds, kind, state, progressSeconds, durableSeconds, detail);
  }
}
