package dev.ironworks.core.inference;

import static dev.ironworks.core.compute.TrainingFixtures.RESERVED_BYTES;
import static dev.ironworks.core.inference.InferenceFixtures.H100_MEMORY_BYTES;
import static dev.ironworks.core.inference.InferenceFixtures.context;
import static dev.ironworks.core.inference.InferenceFixtures.h100;
import static dev.ironworks.core.inference.InferenceFixtures.llama70b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.scenario.Precision;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the serving search over Llama-2-70B-shaped models on H100s, checked on seeded
 * random draws of demand, request shape and latency targets.
 */
class ServingSearchTest {
  private static final int DRAWS = 60;
  private static final Precision[] PRECISIONS = {Precision.BF16, Precision.FP8, Precision.FP32};
  private static final int[] TENSORS = {1, 2, 4, 8, 16};
  private static final int[] PIPELINES = {1, 2, 4};

  /** A request shape, latency targets and a peak demand drawn from plausible ranges. */
  private record Draw(
      ServingContext ctx,
      Optional<Precision> precision,
      double ttftSeconds,
      double tpotSeconds,
      double peakTokensPerSecond) {}

  private static double logUniform(Random r, double low, double high) {
    return low * Math.pow(high / low, r.nextDouble());
  }

  private static Draw draw(Random r) {
    double prompt = Math.rint(logUniform(r, 64, 4000));
    double output = Math.rint(logUniform(r, 16, 1000));
    ServingContext ctx =
        context(llama70b(), h100(), prompt, output, r.nextBoolean(), r.nextBoolean());
    Optional<Precision> precision =
        switch (r.nextInt(3)) {
          case 0 -> Optional.of(Precision.BF16);
          case 1 -> Optional.of(Precision.FP8);
          default -> Optional.empty();
        };
    return new Draw(
        ctx, precision, logUniform(r, 0.05, 5), logUniform(r, 0.005, 0.2), logUniform(r, 100, 1e6));
  }

  private static ServingSearch.Result search(
      Draw d, double ttftSeconds, double tpotSeconds, double peakTokensPerSecond) {
    return ServingSearch.search(
        d.ctx(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        d.precision(),
        OptionalDouble.of(ttftSeconds),
        OptionalDouble.of(tpotSeconds),
        peakTokensPerSecond,
        Long.MAX_VALUE);
  }

  private static long accelerators(ServingSearch.Result r) {
    return r.replicas() * r.best().orElseThrow().config().acceleratorsPerReplica();
  }

  @Test
  void moreLatencySlackNeverNeedsMoreAccelerators() {
    // Looser targets admit every configuration the tighter ones did, so the cheapest fleet
    // can only shrink.
    Random random = new Random(20240501);
    int compared = 0;
    for (int i = 0; i < DRAWS; i++) {
      Draw d = draw(random);
      double slack = 1 + 3 * random.nextDouble();
      ServingSearch.Result tight =
          search(d, d.ttftSeconds(), d.tpotSeconds(), d.peakTokensPerSecond());
      ServingSearch.Result loose =
          search(d, d.ttftSeconds() * slack, d.tpotSeconds() * slack, d.peakTokensPerSecond());
      if (tight.best().isEmpty()) {
        continue;
      }
      assertTrue(loose.best().isPresent(), "draw " + i);
      assertTrue(accelerators(loose) <= accelerators(tight), "draw " + i);
      compared++;
    }
    assertTrue(compared > DRAWS / 4, "enough draws met their targets: " + compared);
  }

  @Test
  void moreDemandNeverNeedsFewerAccelerators() {
    Random random = new Random(7);
    int compared = 0;
    for (int i = 0; i < DRAWS; i++) {
      Draw d = draw(random);
      double growth = 1 + 9 * random.nextDouble();
      ServingSearch.Result less =
          search(d, d.ttftSeconds(), d.tpotSeconds(), d.peakTokensPerSecond());
      ServingSearch.Result more =
          search(d, d.ttftSeconds(), d.tpotSeconds(), d.peakTokensPerSecond() * growth);
      // The targets, not the demand, decide whether any configuration qualifies.
      assertEquals(less.best().isPresent(), more.best().isPresent(), "draw " + i);
      if (less.best().isEmpty()) {
        continue;
      }
      assertTrue(accelerators(more) >= accelerators(less), "draw " + i);
      assertTrue(
          more.replicas() * more.best().get().tokensPerSecond()
              >= d.peakTokensPerSecond() * growth * (1 - 1e-12),
          "the replicas carry the peak, draw " + i);
      compared++;
    }
    assertTrue(compared > DRAWS / 4, "enough draws met their targets: " + compared);
  }

  @Test
  void aConfigurationThatCannotHoldTheWeightsYieldsNoResult() {
    // Published parameter counts from 1 B to 2 T on the Llama-2-70B shape: whenever a rank's
    // share of the weights exceeds what the engine leaves it, the configuration does not fit,
    // and a search fixed to it finds nothing.
    Random random = new Random(42);
    double perDevice = H100_MEMORY_BYTES * InferenceModel.MEMORY_FRACTION - RESERVED_BYTES;
    int tooBig = 0;
    int fitting = 0;
    for (int i = 0; i < 100; i++) {
      double parameters = logUniform(random, 1e9, 2e12);
      int t = TENSORS[random.nextInt(TENSORS.length)];
      int p = PIPELINES[random.nextInt(PIPELINES.length)];
      Precision precision = PRECISIONS[random.nextInt(PRECISIONS.length)];
      ServingContext ctx =
          context(
              llama70b(parameters),
              h100(),
              1 + random.nextInt(4000),
              1 + random.nextInt(1000),
              random.nextBoolean(),
              random.nextBoolean());
      double weightsPerDevice = parameters * precision.bytes() / (t * p);
      InferenceModel.Estimate e =
          InferenceModel.estimate(ctx, new ServingConfig(t, p, 1, 1, precision));
      if (weightsPerDevice < perDevice) {
        fitting++;
        continue;
      }
      tooBig++;
      assertFalse(e.fits(), "draw " + i);
      assertEquals(0, e.maxBatch(), "draw " + i);
      assertEquals(0, e.tokensPerSecond(), 0, "draw " + i);
      ServingSearch.Result r =
          ServingSearch.search(
              ctx,
              OptionalInt.of(t),
              OptionalInt.of(p),
              Optional.of(precision),
              OptionalDouble.empty(),
              OptionalDouble.empty(),
              0,
              Long.MAX_VALUE);
      assertTrue(r.best().isEmpty(), "draw " + i);
      assertTrue(r.curve().isEmpty(), "draw " + i);
      assertEquals(0, r.replicas(), "draw " + i);
    }
    assertTrue(tooBig > 10 && fitting > 10, tooBig + " too big, " + fitting + " fitting");
  }

  @Test
  void theSearchKeepsAFixedTensorDegreeAndTheReplicaLimit() {
    Random random = new Random(1234);
    int found = 0;
    for (int i = 0; i < DRAWS; i++) {
      Draw d = draw(random);
      int t = TENSORS[random.nextInt(TENSORS.length)];
      long limit = 1 + random.nextInt(32);
      ServingSearch.Result r =
          ServingSearch.search(
              d.ctx(),
              OptionalInt.of(t),
              OptionalInt.empty(),
              d.precision(),
              OptionalDouble.empty(),
              OptionalDouble.of(d.tpotSeconds()),
              d.peakTokensPerSecond(),
              limit);
      if (r.best().isEmpty()) {
        continue;
      }
      found++;
      ServingConfig c = r.best().get().config();
      assertEquals(t, c.tensor(), "draw " + i);
      assertTrue(c.acceleratorsPerReplica() <= limit, "draw " + i);
      // The curve walks the chosen replica shape from batch 1 to the KV limit.
      assertFalse(r.curve().isEmpty());
      assertEquals(1, r.curve().get(0).config().batch());
      assertEquals(r.best().get().maxBatch(), r.curve().get(r.curve().size() - 1).config().batch());
      for (InferenceModel.Estimate e : r.curve()) {
        assertEquals(t, e.config().tensor());
        assertEquals(c.pipeline(), e.config().pipeline());
        assertEquals(c.precision(), e.config().precision());
      }
    }
    assertTrue(found > DRAWS / 4, "enough draws found a configuration: " + found);
  }

  @Test
  void noReplicaLimitBelowTheWeightsFootprintFindsAConfiguration() {
    // 70 GB of FP8 weights need one H100; 140 GB of BF16 weights need two.
    ServingContext ctx = context(true);
    assertTrue(
        ServingSearch.search(
                ctx,
                OptionalInt.empty(),
                OptionalInt.empty(),
                Optional.of(Precision.BF16),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                0,
                1)
            .best()
            .isEmpty());
    ServingSearch.Result two =
        ServingSearch.search(
            ctx,
            OptionalInt.empty(),
            OptionalInt.empty(),
            Optional.of(Precision.BF16),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            0,
            2);
    assertEquals(2, two.best().orElseThrow().config().acceleratorsPerReplica());
    ServingSearch.Result fp8 =
        ServingSearch.search(
            ctx,
            OptionalInt.empty(),
            OptionalInt.empty(),
            Optional.of(Precision.FP8),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            0,
            1);
    assertEquals(1, fp8.best().orElseThrow().config().acceleratorsPerReplica());
  }
}
