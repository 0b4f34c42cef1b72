package dev.ironworks.core.sim;

import dev.ironworks.core.inference.LatencyQuantiles;
import dev.ironworks.core.inference.StepTime;
import dev.ironworks.core.scenario.LengthDistribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * A request-level discrete-event simulation of a serving fleet on the simulator's event queue.
 *
 * <p>Requests arrive (Poisson, or from a trace) and go to the replica with the fewest requests
 * waiting or running (join the shortest queue). Each replica runs scheduler steps back to back
 * while it has work, as vLLM and SGLang schedule with chunked prefill: every decoding sequence
 * advances (one token, or the expected tokens of a speculative step) within the step's token
 * budget, then the prompts already being prefilled take chunks of what is left in arrival order,
 * then waiting requests are admitted while the replica has a free slot and KV cache for the whole
 * prompt. A request's first token comes at the end of the step that completes its prompt. When
 * decoding sequences outgrow the KV cache, the most recently admitted are evicted and go back to
 * the front of the queue, to prefill their prompt and the tokens they had generated again
 * (recomputation). A step lasts what {@link StepTime} says for its decoding sequences, their
 * context and its prompt tokens.
 *
 * <p>KV cache is counted as {@link StepTime#kvHeldTokens} counts it: a sequence holds its whole
 * context in each full-attention layer and at most the window in each sliding-window layer, so a
 * decoding sequence's cache grows by every layer's share until its context passes the window, by
 * the full-attention layers' share after.
 *
 * <p>A disaggregated fleet runs prefill replicas (prompt chunks only) and decode replicas: a
 * request's first token comes from its prefill replica, its KV cache then crosses the fabric to the
 * decode replica with the fewest requests, where it waits for a slot and decodes.
 *
 * <p>A fleet fills from empty and drains at the end: the requests that arrive within the setup's
 * warm-up of the first arrival (and as many at the end, which decode while the fleet empties) run
 * but are not measured. The latencies, goodput, throughput and the time averages count the requests
 * between them and the time from the first measured arrival to the first unmeasured one after them
 * (at most half the requests are left out).
 *
 * <p>Randomness comes only from the generator the caller seeds: the same setup and seed give the
 * same report. The simulator reads no clock; a caller's stop request is asked every {@link
 * #STOP_CHECK_EVENTS} events.
 */
public final class ServingSimulation {
  /** Events between two questions to the caller's stop request. */
  public static final int STOP_CHECK_EVENTS = 1024;

  /** Completed requests between two progress reports. */
  public static final int PROGRESS_EVERY = 4096;

  /** Instants at which the queue and KV occupancy are sampled. */
  public static final int SAMPLES = 256;

  private static final int ID_BITS = 24;
  private static final long ID_MASK = (1L << ID_BITS) - 1;
  private static final byte WAITING = 0;
  private static final byte PREFILL = 1;
  private static final byte DECODE = 2;
  private static final byte TRANSFER = 3;
  private static final byte DONE = 4;

  private final ServingSetup setup;
  private final StepTime step;
  private final SplittableRandom random;
  private final LongConsumer progress;
  private final BooleanSupplier stop;
  private final EventQueue queue = new EventQueue();
  private final Replica[] replicas;
  private final int firstDecode;
  private final double tokensPerStep;
  private final int verified;
  private final double window;
  private final double windowShare;
  private final int count;

  private final double[] arrival;
  private final int[] prompt;
  private final int[] output;
  private final int[] context;
  private final int[] prefilled;
  private final int[] generated;
  private final int[] incarnation;
  private final int[] where;
  private final byte[] state;
  private final long[] startStep;
  private final long[] finishStep;
  private final long[] crossStep;
  private final double[] decodeContext;
  private final double[] firstToken;
  private final double[] ttft;
  private final double[] tpot;
  private final double[] endToEnd;

  private double now;
  private int arrived;
  private int completed;
  private int tpotCount;
  private int measuredCount;
  private final int measureFrom;
  private final int measureTo;
  private boolean measuring;
  private double measuredSince = Double.NaN;
  private double measuredUntil = Double.NaN;
  private int good;
  private long preemptions;
  private int truncated;
  private long events;
  private double outputTokens;
  private int queued;
  private int maxQueued;
  private double kvUsed;
  private double lastTime;
  private double queuedArea;
  private double kvArea;
  private double sampleEvery;
  private double nextSample;
  private final List<ServingSimulationReport.Sample> samples = new ArrayList<>();

  private ServingSimulation(
      ServingSetup setup, long seed, LongConsumer progress, BooleanSupplier stop) {
    this.setup = setup;
    this.step = setup.step();
    this.random = new SplittableRandom(seed);
    this.progress = progress;
    this.stop = stop;
    this.tokensPerStep = step.tokensPerStep();
    this.verified = step.verifiedTokensPerSequence();
    this.window = step.windowTokens();
    this.windowShare = window > 0 ? step.windowedLayerShare() : 0;
    this.count = setup.requestCount();
    int n = count;
    int warmup = setup.warmupRequests();
    this.measureFrom = warmup;
    this.measureTo = count - warmup;
    arrival = new double[n];
    prompt = new int[n];
    output = new int[n];
    context = new int[n];
    prefilled = new int[n];
    generated = new int[n];
    incarnation = new int[n];
    where = new int[n];
    state = new byte[n];
    startStep = new long[n];
    finishStep = new long[n];
    crossStep = new long[n];
    decodeContext = new double[n];
    firstToken = new double[n];
    ttft = new double[n];
    tpot = new double[n];
    endToEnd = new double[n];
    if (setup.disaggregated()) {
      replicas = new Replica[setup.prefillReplicas() + setup.decodeReplicas()];
      firstDecode = setup.prefillReplicas();
      for (int r = 0; r < replicas.length; r++) {
        replicas[r] = new Replica(r, r < firstDecode, r >= firstDecode);
      }
    } else {
      replicas = new Replica[setup.replicas()];
      firstDecode = 0;
      for (int r = 0; r < replicas.length; r++) {
        replicas[r] = new Replica(r, false, false);
      }
    }
  }

  /** Runs the setup from {@code seed}; progress gets the requests completed so far. */
  public static ServingSimulationReport run(
      ServingSetup setup, long seed, LongConsumer progress, BooleanSupplier stop) {
    return new ServingSimulation(setup, seed, progress, stop).run(seed);
  }

  /** Runs without progress or a stop request. */
  public static ServingSimulationReport run(ServingSetup setup, long seed) {
    return run(setup, seed, done -> {}, () -> false);
  }

  private ServingSimulationReport run(long seed) {
    double horizon =
        setup.trace().isPresent()
            ? setup.trace().get().arrivalSeconds(count - 1) - setup.trace().get().arrivalSeconds(0)
            : count / setup.requestsPerSecond();
    sampleEvery = Math.max(horizon, 1e-9) / SAMPLES;
    scheduleArrival(0, 0);
    nextSample = arrival[0];
    lastTime = nextSample;
    SimEvent e;
    while ((e = queue.poll()) != null) {
      events++;
      if (events % STOP_CHECK_EVENTS == 0 && stop.getAsBoolean()) {
        throw new SimulationStopped();
      }
      advance(e.time());
      switch (e.kind()) {
        case REQUEST_ARRIVAL -> onArrival((int) e.value());
        case STEP_DONE -> onStepDone(replicas[(int) e.epoch()]);
        case KV_ARRIVAL -> onKvArrival((int) e.value());
        case FAILURE,
            REPAIR_DONE,
            RESTART_DONE,
            CHECKPOINT_DONE,
            WRITE_DONE,
            CHECKPOINT_DUE,
            WORK_DONE,
            MAINTENANCE,
            STALL_DONE ->
            throw new IllegalStateException("a serving run schedules no training event: " + e);
      }
    }
    progress.accept(completed);
    return report(seed);
  }

  // ------------------------------------------------------------------------------- arrivals

  private void scheduleArrival(int id, double after) {
    if (id >= count) {
      return;
    }
    double time;
    int p;
    int o;
    if (setup.trace().isPresent()) {
      RequestTrace t = setup.trace().get();
      time = t.arrivalSeconds(id);
      p = t.promptTokens(id);
      o = t.outputTokens(id);
    } else {
      time = after - Math.log(1 - random.nextDouble()) / setup.requestsPerSecond();
      p = length(setup.promptTokens());
      o = length(setup.outputTokens());
    }
    // The longest context the KV cache holds, in tokens (beyond a sliding window only the
    // full-attention layers grow).
    double capacity =
        Math.min(Integer.MAX_VALUE / 2.0, step.contextWithin(setup.kvCapacityTokens()));
    if (p + o > capacity) {
      truncated++;
      if (p >= capacity - 1) {
        p = (int) Math.max(1, capacity / 2);
      }
      o = (int) Math.max(1, capacity - p);
    }
    arrival[id] = time;
    prompt[id] = p;
    output[id] = o;
    queue.schedule(time, EventKind.REQUEST_ARRIVAL, 0, id);
  }

  private int length(double mean) {
    if (setup.lengths() == LengthDistribution.FIXED) {
      return (int) Math.max(1, Math.round(mean));
    }
    double draw = -mean * Math.log(1 - random.nextDouble());
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 4, Math.round(draw)));
  }

  private void onArrival(int id) {
    arrived++;
    if (id == measureFrom) {
      measuring = true;
      measuredSince = now;
    }
    if (id == measureTo) {
      measuring = false;
      measuredUntil = now;
    }
    context[id] = prompt[id];
    firstToken[id] = Double.NaN;
    Replica r = shortest(0, setup.disaggregated() ? firstDecode : replicas.length);
    enqueue(r, id, false);
    scheduleArrival(id + 1, now);
    start(r);
  }

  private void onKvArrival(int id) {
    Replica r = shortest(firstDecode, replicas.length);
    enqueue(r, id, false);
    start(r);
  }

  /** The replica in [from, to) with the fewest requests waiting or running; the first on ties. */
  private Replica shortest(int from, int to) {
    Replica best = replicas[from];
    for (int i = from + 1; i < to; i++) {
      if (replicas[i].outstanding() < best.outstanding()) {
        best = replicas[i];
      }
    }
    return best;
  }

  private void enqueue(Replica r, int id, boolean front) {
    state[id] = WAITING;
    where[id] = r.index;
    if (front) {
      r.waiting.addFirst(id);
    } else {
      r.waiting.addLast(id);
    }
    queued++;
    maxQueued = Math.max(maxQueued, queued);
  }

  // ---------------------------------------------------------------------------------- steps

  /** Starts a step on an idle replica that has work. */
  private void start(Replica r) {
    if (r.busy) {
      return;
    }
    if (r.decodeOnly) {
      admitDecodes(r);
    }
    int decoding = r.prefillOnly ? 0 : r.decoding;
    long left = Math.max(0, (long) setup.tokenBudget() - (long) decoding * verified);
    r.chunkCount = 0;
    double prefillTokens = 0;
    double keys = 0;
    if (!r.decodeOnly) {
      for (int i = 0; i < r.prefilling.size() && left > 0; i++) {
        int id = r.prefilling.get(i);
        int chunk = (int) Math.min(left, prefillTarget(id) - prefilled[id]);
        keys += chunk * (cached(id) + prefilled[id] + chunk / 2.0);
        prefillTokens += chunk;
        left -= chunk;
        r.addChunk(id, chunk);
      }
      while (left > 0 && !r.waiting.isEmpty() && r.running() < setup.slots()) {
        int id = r.waiting.peekFirst();
        double held = step.kvHeldTokens(context[id]);
        if (r.kv() + held > setup.kvCapacityTokens()) {
          break;
        }
        r.waiting.pollFirst();
        queued--;
        state[id] = PREFILL;
        prefilled[id] = 0;
        r.prefilling.add(id);
        r.admitted.add(id);
        r.admittedIncarnation.add(incarnation[id]);
        r.kvPrefill += held;
        kvUsed += held;
        int chunk = (int) Math.min(left, prefillTarget(id));
        keys += chunk * (cached(id) + chunk / 2.0);
        prefillTokens += chunk;
        left -= chunk;
        r.addChunk(id, chunk);
      }
    }
    if (decoding == 0 && r.chunkCount == 0) {
      return;
    }
    r.stepDecoding = decoding;
    r.busy = true;
    double seconds = step.seconds(decoding, r.contextSum, prefillTokens, keys);
    queue.schedule(now + seconds, EventKind.STEP_DONE, r.index, 0);
  }

  /** Tokens a request's prompt is cached for: the prefix-cache hits of its original prompt. */
  private int cached(int id) {
    return (int) Math.floor(prompt[id] * setup.prefixCacheHitRate());
  }

  /** Tokens a request prefills in this incarnation: its context less the cached prefix. */
  private int prefillTarget(int id) {
    return Math.max(1, context[id] - cached(id));
  }

  /** A decode replica admits waiting requests straight into decoding while slots and KV last. */
  private void admitDecodes(Replica r) {
    while (!r.waiting.isEmpty() && r.decoding < setup.slots()) {
      int id = r.waiting.peekFirst();
      double need = prompt[id] + generated[id];
      if (r.kv() + step.kvHeldTokens(need) > setup.kvCapacityTokens() && r.decoding > 0) {
        break;
      }
      r.waiting.pollFirst();
      queued--;
      r.admitted.add(id);
      r.admittedIncarnation.add(incarnation[id]);
      startDecode(r, id, need);
    }
  }

  private void onStepDone(Replica r) {
    r.busy = false;
    r.steps++;
    long current = r.steps;
    if (r.stepDecoding > 0) {
      double grown = r.stepDecoding * tokensPerStep;
      r.contextSum += grown;
      if (measuring) {
        outputTokens += grown;
      }
      // Every layer grows for the sequences still inside the window, the full-attention layers
      // for the rest; those that passed the window this step give back what they overshot.
      double heldGrown = grown * (1 - windowShare) + windowShare * tokensPerStep * r.belowWindow;
      r.heldSum += heldGrown;
      kvUsed += heldGrown;
      while (!r.crossings.isEmpty() && (r.crossings.peek() >>> ID_BITS) <= current) {
        long key = r.crossings.poll();
        int id = (int) (key & ID_MASK);
        if (state[id] == DECODE && where[id] == r.index && crossStep[id] == key >>> ID_BITS) {
          leaveWindow(r, id);
        }
      }
    }
    while (!r.finishes.isEmpty() && (r.finishes.peek() >>> ID_BITS) <= current) {
      long key = r.finishes.poll();
      int id = (int) (key & ID_MASK);
      if (state[id] == DECODE && where[id] == r.index && finishStep[id] == key >>> ID_BITS) {
        finishDecode(r, id);
      }
    }
    for (int c = 0; c < r.chunkCount; c++) {
      int id = r.chunkIds[c];
      if (state[id] != PREFILL || where[id] != r.index) {
        continue;
      }
      prefilled[id] += r.chunkTokens[c];
      if (prefilled[id] >= prefillTarget(id)) {
        prefillDone(r, id);
      }
    }
    r.chunkCount = 0;
    r.compactPrefilling();
    if (r.admitted.size() > 4 * r.running() + 64) {
      r.compactAdmitted();
    }
    while (r.kv() > setup.kvCapacityTokens() + 1e-9 && preemptLatest(r)) {
      preemptions++;
    }
    start(r);
  }

  private void prefillDone(Replica r, int id) {
    double prefillHeld = step.kvHeldTokens(context[id]);
    r.kvPrefill -= prefillHeld;
    kvUsed -= prefillHeld;
    generated[id]++;
    if (measuring) {
      outputTokens++;
    }
    if (Double.isNaN(firstToken[id])) {
      firstToken[id] = now;
    }
    if (generated[id] >= output[id]) {
      complete(id);
      return;
    }
    if (r.prefillOnly) {
      state[id] = TRANSFER;
      double transfer =
          setup.kvTransferLatencySeconds() + setup.kvTransferSecondsPerToken() * context[id];
      queue.schedule(now + transfer, EventKind.KV_ARRIVAL, 0, id);
      return;
    }
    startDecode(r, id, context[id] + 1);
  }

  private void startDecode(Replica r, int id, double held) {
    state[id] = DECODE;
    where[id] = r.index;
    startStep[id] = r.steps;
    decodeContext[id] = held;
    r.decoding++;
    r.contextSum += held;
    double kv = step.kvHeldTokens(held);
    r.heldSum += kv;
    kvUsed += kv;
    crossStep[id] = -1;
    if (windowShare > 0 && held < window) {
      // Counted inside the window until the step its context reaches it.
      crossStep[id] = r.steps + (long) Math.ceil((window - held) / tokensPerStep);
      r.belowWindow++;
      r.crossings.add(crossStep[id] << ID_BITS | id);
    }
    long steps = (long) Math.max(1, Math.ceil((output[id] - generated[id]) / tokensPerStep));
    finishStep[id] = r.steps + steps;
    r.finishes.add(finishStep[id] << ID_BITS | id);
  }

  private double held(Replica r, int id) {
    return decodeContext[id] + (r.steps - startStep[id]) * tokensPerStep;
  }

  /**
   * A decoding sequence's context reached the window at this step: it was counted inside the window
   * for every step since it started decoding, so the window layers' share it overshot comes off.
   */
  private void leaveWindow(Replica r, int id) {
    double counted = (crossStep[id] - startStep[id]) * tokensPerStep;
    double overshoot = windowShare * Math.max(0, counted - (window - decodeContext[id]));
    r.heldSum -= overshoot;
    kvUsed -= overshoot;
    r.belowWindow--;
    crossStep[id] = -1;
  }

  /** Takes a decoding sequence's cache off the replica (finished or evicted). */
  private void releaseDecode(Replica r, int id) {
    double held = held(r, id);
    r.contextSum -= held;
    if (crossStep[id] >= 0) {
      // Still inside the window: its count goes; what it was credited is exactly its cache.
      r.belowWindow--;
      crossStep[id] = -1;
    }
    double kv = step.kvHeldTokens(held);
    r.heldSum -= kv;
    kvUsed -= kv;
    r.decoding--;
  }

  private void finishDecode(Replica r, int id) {
    releaseDecode(r, id);
    generated[id] = output[id];
    complete(id);
  }

  private void complete(int id) {
    state[id] = DONE;
    completed++;
    if (completed % PROGRESS_EVERY == 0) {
      progress.accept(completed);
    }
    if (id < measureFrom || id >= measureTo) {
      return;
    }
    double first = firstToken[id] - arrival[id];
    double last = now - arrival[id];
    ttft[measuredCount] = first;
    endToEnd[measuredCount] = last;
    boolean meets =
        setup.ttftTargetSeconds().isEmpty() || first <= setup.ttftTargetSeconds().getAsDouble();
    if (output[id] > 1) {
      double perToken = (now - firstToken[id]) / (output[id] - 1);
      tpot[tpotCount++] = perToken;
      meets &=
          setup.tpotTargetSeconds().isEmpty()
              || perToken <= setup.tpotTargetSeconds().getAsDouble();
    }
    if (meets) {
      good++;
    }
    measuredCount++;
  }

  /** Evicts the replica's most recently admitted running request; false when none is left. */
  private boolean preemptLatest(Replica r) {
    while (!r.admitted.isEmpty()) {
      int id = r.admitted.removeLast();
      int inc = r.admittedIncarnation.removeLast();
      if (incarnation[id] != inc
          || where[id] != r.index
          || (state[id] != PREFILL && state[id] != DECODE)) {
        continue;
      }
      if (r.decoding + r.prefilling.size() <= 1) {
        // A lone request keeps its cache: its length was cut to fit at arrival.
        r.admitted.add(id);
        r.admittedIncarnation.add(inc);
        return false;
      }
      if (state[id] == DECODE) {
        releaseDecode(r, id);
        long gained = (long) Math.floor((r.steps - startStep[id]) * tokensPerStep);
        generated[id] = (int) Math.min(output[id] - 1, generated[id] + gained);
      } else {
        double prefillHeld = step.kvHeldTokens(context[id]);
        r.kvPrefill -= prefillHeld;
        kvUsed -= prefillHeld;
        r.prefilling.removeValue(id);
      }
      incarnation[id]++;
      context[id] = prompt[id] + generated[id];
      enqueue(r, id, true);
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------------------- statistics

  private void advance(double time) {
    double dt = time - lastTime;
    if (dt > 0) {
      if (measuring) {
        queuedArea += queued * dt;
        kvArea += kvUsed / (setup.kvCapacityTokens() * replicas.length) * dt;
      }
      lastTime = time;
    }
    while (time >= nextSample && samples.size() < SAMPLES) {
      int running = 0;
      for (Replica r : replicas) {
        running += r.running();
      }
      samples.add(
          new ServingSimulationReport.Sample(
              nextSample, queued, running, kvUsed / (setup.kvCapacityTokens() * replicas.length)));
      nextSample += sampleEvery;
    }
    now = time;
  }

  private ServingSimulationReport report(long seed) {
    double first = arrival[0];
    double span = now - first;
    double arrivalSpan = arrival[count - 1] - first;
    // Every request measured: the window runs to the last token.
    double measuredSeconds = (Double.isNaN(measuredUntil) ? now : measuredUntil) - measuredSince;
    double[] t = Arrays.copyOf(ttft, measuredCount);
    double[] p = Arrays.copyOf(tpot, tpotCount);
    double[] e = Arrays.copyOf(endToEnd, measuredCount);
    if (p.length == 0) {
      p = new double[] {0};
    }
    return new ServingSimulationReport(
        seed,
        arrived,
        completed,
        measuredCount,
        span,
        arrivalSpan > 0 ? (count - 1) / arrivalSpan : 0,
        measuredSeconds > 0 ? outputTokens / measuredSeconds : 0,
        quantiles(t),
        quantiles(p),
        quantiles(e),
        Histogram.of(t, Histogram.riceBins(t.length)),
        Histogram.of(p, Histogram.riceBins(p.length)),
        Histogram.of(e, Histogram.riceBins(e.length)),
        measuredCount > 0 ? (double) good / measuredCount : 0,
        measuredSeconds > 0 ? queuedArea / measuredSeconds : 0,
        maxQueued,
        measuredSeconds > 0 ? kvArea / measuredSeconds : 0,
        preemptions,
        truncated,
        samples,
        events);
  }

  /** Nearest-rank percentiles and the mean of a sample. */
  static LatencyQuantiles quantiles(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    return new LatencyQuantiles(
        rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99), sum / sorted.length);
  }

  private static double rank(double[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  // ------------------------------------------------------------------------------- replicas

  /** One replica's scheduler state. */
  private final class Replica {
    final int index;
    final boolean prefillOnly;
    final boolean decodeOnly;
    final IntDeque waiting = new IntDeque();
    final IntList prefilling = new IntList();
    final IntList admitted = new IntList();
    final IntList admittedIncarnation = new IntList();
    final LongHeap finishes = new LongHeap();
    final LongHeap crossings = new LongHeap();
    int decoding;
    double contextSum;
    double heldSum;
    int belowWindow;
    double kvPrefill;
    long steps;
    boolean busy;
    int stepDecoding;
    int[] chunkIds = new int[16];
    int[] chunkTokens = new int[16];
    int chunkCount;

    Replica(int index, boolean prefillOnly, boolean decodeOnly) {
      this.index = index;
      this.prefillOnly = prefillOnly;
      this.decodeOnly = decodeOnly;
    }

    /** KV cache held, in {@link StepTime#kvHeldTokens}' tokens. */
    double kv() {
      return heldSum + kvPrefill;
    }

    int running() {
      return prefilling.size() + decoding;
    }

    int outstanding() {
      return waiting.size() + running();
    }

    void addChunk(int id, int tokens) {
      if (chunkCount == chunkIds.length) {
        chunkIds = Arrays.copyOf(chunkIds, chunkCount * 2);
        chunkTokens = Arrays.copyOf(chunkTokens, chunkCount * 2);
      }
      chunkIds[chunkCount] = id;
      chunkTokens[chunkCount] = tokens;
      chunkCount++;
    }

    /** Drops admissions of requests no longer running here, keeping the others' order. */
    void compactAdmitted() {
      int kept = 0;
      for (int i = 0; i < admitted.size(); i++) {
        int id = admitted.get(i);
        int inc = admittedIncarnation.get(i);
        if (incarnation[id] == inc
            && where[id] == index
            && (state[id] == PREFILL || state[id] == DECODE)) {
          admitted.set(kept, id);
          admittedIncarnation.set(kept, inc);
          kept++;
        }
      }
      admitted.truncate(kept);
      admittedIncarnation.truncate(kept);
    }

    /** Drops prompts no longer prefilling here, keeping the others' order. */
    void compactPrefilling() {
      prefilling.retain(id -> state[id] == PREFILL && where[id] == index);
    }
  }
}
