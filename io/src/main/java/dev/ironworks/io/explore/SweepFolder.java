package dev.ironworks.io.explore;

import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import dev.ironworks.io.yaml.TextFiles;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The folder a local sweep writes: points.csv, a row per design in id order, appended as designs
 * are evaluated; sweep.json, the manifest that says which space the points belong to and how many
 * are written, so that a stopped sweep resumes where it stopped; and at the end front.csv,
 * front.json and the Parquet copies of both tables.
 */
public final class SweepFolder {
  private final Path dir;
  private final SweepSpec sweep;
  private final List<String> metrics;
  private final List<String> header;
  private final String digest;
  private final long resumed;

  private SweepFolder(Path dir, SweepSpec sweep, List<String> metrics, long resumed) {
    this.dir = dir;
    this.sweep = sweep;
    this.metrics = metrics;
    this.header = SweepFiles.header(sweep, metrics);
    this.digest = digest(sweep);
    this.resumed = resumed;
  }

  /**
   * Opens {@code dir} for {@code sweep}, creating it if need be. Where a stopped run of the same
   * sweep left rows, they are kept (a half-written last row is cut) and the sweep resumes after
   * them.
   *
   * @param option names the folder in problems (the command line's {@code --out})
   * @throws InputException when the folder holds another sweep's points
   */
  public static SweepFolder open(Path dir, String option, SweepSpec sweep, List<String> metrics)
      throws IOException {
    Files.createDirectories(dir);
    Path points = dir.resolve("points.csv");
    Path manifest = dir.resolve("sweep.json");
    long resumed = 0;
    if (Files.exists(points)) {
      if (!Files.exists(manifest)
          || !Files.readString(manifest).contains("\"" + digest(sweep) + "\"")) {
        throw InputException.of(
            dir.toString(),
            option,
            "holds another sweep's points.csv; choose an empty folder (nothing is overwritten)");
      }
      resumed = resumePoint(points, SweepFiles.header(sweep, metrics));
    }
    return new SweepFolder(dir, sweep, metrics, resumed);
  }

  /** The designs a stopped run had written: the sweep resumes at this id. */
  public long resumed() {
    return resumed;
  }

  public Path points() {
    return dir.resolve("points.csv");
  }

  /** The bytes points.csv holds now. */
  public long pointsBytes() throws IOException {
    return Files.exists(points()) ? Files.size(points()) : 0;
  }

  /** Records in sweep.json that the first {@code completed} designs are written. */
  public void recordCompleted(long completed) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("space", sweep.file().toString());
    m.put("digest", digest);
    m.put("designs", sweep.space().size());
    m.put("completed", completed);
    m.put("seed", sweep.seed());
    TextFiles.writeAtomically(dir.resolve("sweep.json"), JsonRenderer.render(m));
  }

  /**
   * The rows a stopped run wrote, read back in id order as a stream (one line in memory at a time);
   * close it.
   */
  public Stream<SweepRow> resumedRows() throws IOException {
    return resumed == 0
        ? Stream.empty()
        : Files.lines(points(), StandardCharsets.UTF_8)
            .skip(1)
            .limit(resumed)
            .map(line -> row(SweepFiles.parseCsv(line)));
  }

  /** Appends to points.csv, whose header is written first when the sweep starts afresh. */
  public BufferedWriter appendPoints() throws IOException {
    BufferedWriter w =
        Files.newBufferedWriter(
            points(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (resumed == 0) {
      w.write(SweepFiles.csvLine(header));
    }
    return w;
  }

  /** A row as its line of points.csv. */
  public String line(SweepRow row) {
    return SweepFiles.csvLine(SweepFiles.cells(row, metrics));
  }

  /**
   * Writes front.csv, front.json, points.parquet and front.parquet from the finished sweep, and
   * records it complete.
   */
  public void finish(Sweep.Result result) throws IOException {
    writeFront(dir, sweep, metrics, result);
    Map<String, String> types = SweepTables.columnTypes(sweep, metrics);
    SweepTables.toParquet(points(), dir.resolve("points.parquet"), types);
    SweepTables.toParquet(dir.resolve("front.csv"), dir.resolve("front.parquet"), types);
    recordCompleted(sweep.space().size());
  }

  /**
   * Writes front.csv and front.json of a sweep's result into {@code dir}, as every executor does.
   */
  public static void writeFront(
      Path dir, SweepSpec sweep, List<String> metrics, Sweep.Result result) {
    TextFiles.writeAtomically(
        dir.resolve("front.csv"),
        SweepFiles.frontCsv(SweepFiles.header(sweep, metrics), result, metrics));
    TextFiles.writeAtomically(
        dir.resolve("front.json"), JsonRenderer.render(SweepFiles.frontJson(sweep, result)));
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
  private SweepRow row(List<String> c) {
    int axes = sweep.space().axes().size();
    Map<String, Double> figures = new LinkedHashMap<>();
    for (int j = 0; j < metrics.size(); j++) {
      String v = c.get(1 + axes + j);
      figures.put(metrics.get(j), v.isEmpty() ? Double.NaN : Double.parseDouble(v));
    }
    String because = c.get(c.size() - 1);
    return new SweepRow(
        Long.parseLong(c.get(0)),
        c.subList(1, 1 + axes),
        figures,
        because.isEmpty() ? List.of() : List.of(because.split("; ")));
  }

  /** Identifies a sweep by its axes, objectives, constraints, base scenario and seed. */
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
}
