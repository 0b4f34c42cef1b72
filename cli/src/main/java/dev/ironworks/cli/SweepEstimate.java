package dev.ironworks.cli;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.explore.SweepEvaluator;
import dev.ironworks.io.explore.SweepFiles;
import dev.ironworks.io.explore.SweepRow;
import dev.ironworks.io.explore.SweepSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What a sweep will take, from a sample of its designs evaluated before it starts: the time on the
 * threads given, and the disk its files need.
 *
 * @param designs designs left to evaluate
 * @param sampled designs evaluated to estimate
 * @param secondsPerDesign one thread's time per sampled design, after a warm-up; designs of a real
 *     sweep share parallelism searches the spread-out sample does not, so training sweeps often run
 *     faster than this says
 * @param csvBytes what points.csv grows by
 * @param parquetBytes points.parquet, written at the end for every row
 */
record SweepEstimate(
    long designs,
    int sampled,
    double secondsPerDesign,
    int threads,
    double csvBytes,
    double parquetBytes) {
  /** Blocks of designs sampled in each round, spread evenly over those left. */
  static final int BLOCKS = 8;

  /**
   * Designs in a row per block: consecutive designs differ in the last axes, as a sweep's batches
   * do, so they share the section reads and searches a sweep remembers.
   */
  static final int BLOCK = 64;

  /**
   * Seconds spent sampling: the rate is taken over the second half, once the JIT has compiled the
   * planner, which the first thousands of designs do not see.
   */
  static final double SAMPLE_SECONDS = 1.0;

  /**
   * Parquet bytes per CSV byte counted for points.parquet (zstd): a quarter, above the 6% measured
   * on a sweep of facility designs, so that the disk check errs on the side of room.
   */
  static final double PARQUET_PER_CSV_BYTE = 0.25;

  /**
   * Samples the designs from {@code first} on.
   *
   * @param writtenBytes what points.csv already holds (a resumed sweep)
   */
  static SweepEstimate of(
      SweepSpec spec,
      Catalog catalog,
      List<String> metrics,
      long first,
      long writtenBytes,
      int threads,
      LongSupplier nanoClock) {
    long size = spec.space().size();
    long left = size - first;
    if (left == 0) {
      return new SweepEstimate(0, 0, 0, threads, 0, writtenBytes * PARQUET_PER_CSV_BYTE);
    }
    SweepEvaluator evaluator = new SweepEvaluator(spec, catalog);
    long rowBytes = 0;
    long n = 0;
    List<long[]> marks = new ArrayList<>(); // {nanoseconds since start, designs}
    long start = nanoClock.getAsLong();
    long elapsed = 0;
    for (int round = 0; n < left && elapsed < SAMPLE_SECONDS * 1e9; round++) {
      for (int b = 0; b < BLOCKS && n < left; b++) {
        long from = (long) ((double) b * left / BLOCKS) + (long) round * BLOCK;
        for (int i = 0; i < BLOCK && n < left; i++) {
          SweepRow row = evaluator.evaluate(first + (from + i) % left);
          rowBytes +=
              SweepFiles.csvLine(SweepFiles.cells(row, metrics))
                  .getBytes(StandardCharsets.UTF_8)
                  .length;
          n++;
        }
        elapsed = nanoClock.getAsLong() - start;
        marks.add(new long[] {elapsed, n});
      }
    }
    long[] end = marks.get(marks.size() - 1);
    long[] mid = marks.get(0);
    for (long[] m : marks) {
      if (m[0] <= end[0] / 2) {
        mid = m;
      }
    }
    double seconds =
        end[1] > mid[1] ? (end[0] - mid[0]) / 1e9 / (end[1] - mid[1]) : end[0] / 1e9 / end[1];
    double header =
        first == 0
            ? SweepFiles.csvLine(SweepFiles.header(spec, metrics))
                .getBytes(StandardCharsets.UTF_8)
                .length
            : 0;
    double csv = header + (double) rowBytes / n * left;
    return new SweepEstimate(
        left, (int) n, seconds, threads, csv, (writtenBytes + csv) * PARQUET_PER_CSV_BYTE);
  }

  double seconds() {
    return designs * secondsPerDesign / Math.max(1, threads);
  }

  /** The disk the sweep still needs. */
  double bytes() {
    return csvBytes + parquetBytes;
  }

  /** "about 3 h 20 min on 2 threads and 126 GB on disk (points.csv 101 GB, Parquet 25 GB)". */
  String describe() {
    return String.format(
        Locale.ROOT,
        "about %s on %d thread%s and %s on disk (points.csv %s, Parquet %s)",
        Progress.duration(seconds()),
        threads,
        threads == 1 ? "" : "s",
        size(bytes()),
        size(csvBytes),
        size(parquetBytes));
  }

  /** Bytes in decimal units, three figures: "126 GB", "9.61 MB", "512 B". */
  static String size(double bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
    int u = 0;
    double v = bytes;
    while (v >= 999.5 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return u == 0
        ? String.format(Locale.ROOT, "%.0f B", v)
        : String.format(Locale.ROOT, "%.3g %s", v, units[u]);
  }
}
