package dev.ironworks.cli;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.explore.Sweep;
import dev.ironworks.io.explore.SweepFolder;
import dev.ironworks.io.explore.SweepReader;
import dev.ironworks.io.explore.SweepRow;
import dev.ironworks.io.explore.SweepSpec;
import dev.ironworks.io.yaml.InputException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** ironworks sweep SPACE --out DIR: evaluate a design space, keep its Pareto front. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates every design of a design space and keeps the Pareto front.",
      "Writes points.csv and points.parquet (every design, in id order), front.csv,",
      "front.parquet and front.json (the non-dominated designs, the best per objective, why",
      "designs were excluded, and P10/P50/P90 of each objective over the uncertain inputs) and",
      "sweep.json; a stopped sweep resumes from what points.csv holds. ironworks query answers",
      "SQL over the tables points and front.",
      "Before it starts it evaluates a sample of designs and prints the time and disk the sweep",
      "will take, and refuses a sweep the folder's disk cannot hold; then it shows progress.",
      "Ctrl-C stops it after the batch in hand, keeping every design done."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:swept",
      "1:internal error",
      "2:bad input, or not enough disk",
      "130:stopped by Ctrl-C; run it again to resume"
    })
final class SweepCommand implements Callable<Integer> {
  /** Designs evaluated without --yes. */
  static final long LIMIT = 1_000_000;

  /** How long a Ctrl-C waits for the batch in hand to be written before the process ends. */
  static final int STOP_WAIT_SECONDS = 30;

  /** The free bytes of the disk holding a folder; tests stand in a small disk. */
  static ToLongFunction<Path> usableBytes = SweepCommand::usableBytes;

  /** Stops a sweep as Ctrl-C would once this many designs are written; tests set it. */
  static LongPredicate stopAfter = done -> false;

  /** Thrown from the batch callback to stop a sweep between batches. */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super(null, null, false, false);
    }
  }

  private static long usableBytes(Path folder) {
    try {
      return Files.getFileStore(folder).getUsableSpace();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the free space of " + folder, e);
    }
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SPACE", description = "Design-space file (YAML).")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
  Path out;

  /** Where the designs are evaluated. */
  enum Executor {
    local,
    spark
  }

  @Option(
      names = "--executor",
      paramLabel = "KIND",
      defaultValue = "local",
      description =
          "local (this JVM's threads) or spark (spark-submit of the Spark job, from SPARK_HOME or"
              + " PATH; the same rows and front) (default: ${DEFAULT-VALUE}).")
  Executor executor;

  @Option(
      names = "--master",
      paramLabel = "URL",
      defaultValue = "local[*]",
      description = "Spark master for --executor spark (default: ${DEFAULT-VALUE}).")
  String master;

  @Mixin ThreadsOption threads;

  @Option(
      names = "--top",
      paramLabel = "K",
      defaultValue = "10",
      description = "Best designs kept per objective (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--yes", description = "Evaluate spaces of more than 1,000,000 designs.")
  boolean yes;

  @Mixin CatalogOption catalog;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Catalog loaded = catalog.load();
    // Counted before any axis value is checked: a space over the limit is refused at once.
    SweepSpec sweep =
        SweepReader.read(
            file,
            loaded,
            executor == Executor.local && !yes
                ? new SweepReader.Limit(
                    LIMIT,
                    "more than "
                        + LIMIT
                        + " need --yes to be evaluated; or use --executor spark, or narrow the"
                        + " axes")
                : SweepReader.Limit.NONE);
    if (executor == Executor.spark) {
      return SparkSubmit.run(
          file, out, master, Math.max(1, top), catalog.file, spec.commandLine().getErr());
    }
    long size = sweep.space().size();
    List<String> metrics = Sweep.metrics(sweep);
    SweepFolder folder = SweepFolder.open(out, "--out", sweep, metrics);
    long first = folder.resumed();
    PrintWriter err = spec.commandLine().getErr();
    if (first > 0) {
      err.println("resuming at design " + first + " of " + size);
    }
    int workers = threads.workers();
    // Sample before starting: the time, and the disk, refused when the folder cannot hold it.
    SweepEstimate estimate =
        SweepEstimate.of(
            sweep,
            loaded,
            metrics,
            first,
            first > 0 ? folder.pointsBytes() : 0,
            workers,
            System::nanoTime);
    long free = usableBytes.applyAsLong(out);
    err.println(
        String.format(
            Locale.ROOT,
            "sweep: %,d designs%s; %s; %s free in %s",
            size,
            first > 0 ? String.format(Locale.ROOT, " (%,d left)", size - first) : "",
            estimate.describe(),
            SweepEstimate.size(free),
            out));
    err.flush();
    if (estimate.bytes() > free) {
      throw InputException.of(
          out.toString(),
          "--out",
          "the sweep needs about "
              + SweepEstimate.size(estimate.bytes())
              + " and the folder's disk has "
              + SweepEstimate.size(free)
              + " free; free some space, choose --out on a larger disk, or narrow the axes");
    }
    folder.recordCompleted(first);
    Sweep.Result result;
    Progress progress = Progress.of(err, "sweep", "designs", size, first);
    // Ctrl-C (or a kill) asks the sweep to stop after the batch in hand: its rows are written,
    // sweep.json says how many, and the same command resumes. The hook waits for that.
    AtomicBoolean stopRequested = new AtomicBoolean();
    CountDownLatch settled = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stopRequested.set(true);
              try {
                settled.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "ironworks-sweep-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    AtomicLong written = new AtomicLong(first);
    try {
      try (Stream<SweepRow> seen = folder.resumedRows();
          BufferedWriter w = folder.appendPoints()) {
        LongConsumer onBatch =
            done -> {
              try {
                w.flush();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              written.set(done);
              progress.update(done);
              if (stopRequested.get() || stopAfter.test(done)) {
                throw new Stopped();
              }
            };
        result =
            Sweep.run(
                sweep,
                loaded,
                workers,
                first,
                seen,
                Math.max(1, top),
                folder::line,
                (row, line) -> {
                  try {
                    w.write(line);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                },
                onBatch);
      } catch (Stopped e) {
        progress.clear();
        folder.recordCompleted(written.get());
        err.println(
            String.format(
                Locale.ROOT,
                "stopped after %,d of %,d designs, all kept in %s; run the same command to"
                    + " resume",
                written.get(),
                size,
                folder.points()));
        err.flush();
        return ExitCodes.STOPPED;
      }
    } finally {
      settled.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already: the hook is running and has been released
      }
    }
    progress.clear();
    folder.finish(result);
    PrintWriter o = spec.commandLine().getOut();
    o.println(
        String.format(
            Locale.ROOT,
            "%d designs, %d within the constraints, %d on the Pareto front over %s",
            result.evaluated(),
            result.feasible(),
            result.front().size(),
            String.join(", ", sweep.objectives())));
    result.exclusions().forEach((k, v) -> o.println("  excluded by " + k + ": " + v));
    o.println(
        "wrote points.csv, points.parquet, front.csv, front.parquet, front.json, sweep.json in "
            + out);
    o.println("query them with: ironworks query " + out + " \"select ... from points\"");
    o.flush();
    return ExitCodes.OK;
  }
}
