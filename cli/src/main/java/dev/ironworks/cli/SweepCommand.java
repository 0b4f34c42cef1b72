package dev.ironworks.cli;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.explore.Sweep;
import dev.ironworks.io.explore.SweepFiles;
import dev.ironworks.io.explore.SweepReader;
import dev.ironworks.io.explore.SweepSpec;
import dev.ironworks.io.explore.SweepTables;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
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
  static java.util.function.LongPredicate stopAfter = done -> false;

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

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Worker threads (default: the processors available); results do not depend on it.")
  Integer threads;

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
    List<String> header = SweepFiles.header(sweep, metrics);
    Files.createDirectories(out);
    Path points = out.resolve("points.csv");
    Path manifest = out.resolve("sweep.json");
    String digest = digest(sweep);
    long first = 0;
    if (Files.exists(points)) {
      if (!Files.exists(manifest) || !Files.readString(manifest).contains("\"" + digest + "\"")) {
        throw new InputException(
            List.of(
                new Problem(
                    out.toString(),
                    0,
                    0,
                    "--out",
                    "holds another sweep's points.csv; choose an empty folder (nothing is overwritten)")));
      }
      first = resumePoint(points, header);
    }
    PrintWriter err = spec.commandLine().getErr();
    if (first > 0) {
      err.println("resuming at design " + first + " of " + size);
    }
    int workers =
        threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
    // Sample before starting: the time, and the disk, refused when the folder cannot hold it.
    SweepEstimate estimate =
        SweepEstimate.of(
            sweep,
            loaded,
            metrics,
            first,
            first > 0 ? Files.size(points) : 0,
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
      throw new InputException(
          List.of(
              new Problem(
                  out.toString(),
                  0,
                  0,
                  "--out",
                  "the sweep needs about "
                      + SweepEstimate.size(estimate.bytes())
                      + " and the folder's disk has "
                      + SweepEstimate.size(free)
                      + " free; free some space, choose --out on a larger disk, or narrow the"
                      + " axes")));
    }
    writeManifest(manifest, sweep, digest, size, first);
    Sweep.Result result;
    long resumed = first;
    Progress progress = Progress.of(err, "sweep", "designs", size, resumed);
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
    AtomicLong written = new AtomicLong(resumed);
    try {
      try (Stream<Sweep.Row> seen =
              resumed == 0
                  ? Stream.empty()
                  : Files.lines(points, StandardCharsets.UTF_8)
                      .skip(1)
                      .limit(resumed)
                      .map(line -> row(SweepFiles.parseCsv(line), sweep, metrics));
          BufferedWriter w =
              Files.newBufferedWriter(
                  points,
                  StandardCharsets.UTF_8,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.APPEND)) {
        if (resumed == 0) {
          w.write(SweepFiles.csvLine(header));
        }
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
                resumed,
                seen,
                Math.max(1, top),
                row -> SweepFiles.csvLine(SweepFiles.cells(row, metrics)),
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
        writeManifest(manifest, sweep, digest, size, written.get());
        err.println(
            String.format(
                Locale.ROOT,
                "stopped after %,d of %,d designs, all kept in %s; run the same command to"
                    + " resume",
                written.get(),
                size,
                points));
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
    writeAtomically(out.resolve("front.csv"), SweepFiles.frontCsv(header, result, metrics));
    writeAtomically(
        out.resolve("front.json"), JsonRenderer.render(SweepFiles.frontJson(sweep, result)));
    Map<String, String> types = SweepTables.columnTypes(sweep, metrics);
    SweepTables.toParquet(points, out.resolve("points.parquet"), types);
    SweepTables.toParquet(out.resolve("front.csv"), out.resolve("front.parquet"), types);
    writeManifest(manifest, sweep, digest, size, size);
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

  /**
   * Counts the whole rows a stopped sweep wrote (each ends with a newline and carries the next id)
   * and cuts the file after the last of them, so a half-written row is evaluated again. Reads the
   * file as a stream: a resumed sweep of any size holds one line in memory.
   */
  private static long resumePoint(Path points, List<String> header) throws IOException {
    long rows = 0;
    long keepBytes = -1;
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(points), 1 << 16)) {
      long offset = 0;
      int b;
      while ((b = in.read()) >= 0) {
        offset++;
        if (b != '\n') {
          line.write(b);
          continue;
        }
        List<String> c = SweepFiles.parseCsv(line.toString(StandardCharsets.UTF_8));
        line.reset();
        if (keepBytes < 0) {
          if (!c.equals(header)) {
            break;
          }
        } else if (c.size() != header.size() || !c.get(0).equals(Long.toString(rows))) {
          break;
        } else {
          rows++;
        }
        keepBytes = offset;
      }
    }
    if (keepBytes < 0
        && SweepFiles.csvLine(header).startsWith(line.toString(StandardCharsets.UTF_8))) {
      keepBytes = 0; // stopped before the header was whole: start afresh
    }
    if (keepBytes < 0) {
      throw new InputException(
          List.of(
              new Problem(
                  points.toString(),
                  1,
                  1,
                  "",
                  "its columns are not this sweep's; choose an empty folder")));
    }
    try (FileChannel ch = FileChannel.open(points, StandardOpenOption.WRITE)) {
      ch.truncate(keepBytes);
    }
    return rows;
  }

  /** A points.csv row back as a row. */
  private static Sweep.Row row(List<String> c, SweepSpec sweep, List<String> metrics) {
    int axes = sweep.space().axes().size();
    Map<String, Double> figures = new LinkedHashMap<>();
    for (int j = 0; j < metrics.size(); j++) {
      String v = c.get(1 + axes + j);
      figures.put(metrics.get(j), v.isEmpty() ? Double.NaN : Double.parseDouble(v));
    }
    String because = c.get(c.size() - 1);
    return new Sweep.Row(
        Long.parseLong(c.get(0)),
        c.subList(1, 1 + axes),
        figures,
        because.isEmpty() ? List.of() : List.of(because.split("; ")));
  }

  private static String digest(SweepSpec sweep) {
    String text =
        sweep.space().axes()
            + "|"
            + sweep.objectives()
            + "|"
            + sweep.constraints()
            + "|"
            + sweep.baseText()
            + "|"
            + sweep.seed();
    return Long.toHexString(text.hashCode() & 0xffffffffL)
        + "-"
        + Integer.toHexString(text.length());
  }

  private static void writeManifest(
      Path manifest, SweepSpec sweep, String digest, long size, long done) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("space", sweep.file().toString());
    m.put("digest", digest);
    m.put("designs", size);
    m.put("completed", done);
    m.put("seed", sweep.seed());
    writeAtomically(manifest, JsonRenderer.render(m));
  }

  private static void writeAtomically(Path target, String text) {
    try {
      Path dir = target.toAbsolutePath().getParent();
      Path tmp = Files.createTempFile(dir, ".ironworks-", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(
            tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the temporary file's permissions stand
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
