package dev.ironworks.spark;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.explore.Sweep;
import dev.ironworks.io.explore.SweepCollector;
import dev.ironworks.io.explore.SweepEvaluator;
import dev.ironworks.io.explore.SweepFolder;
import dev.ironworks.io.explore.SweepReader;
import dev.ironworks.io.explore.SweepRow;
import dev.ironworks.io.explore.SweepSpec;
import dev.ironworks.io.explore.SweepTables;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import dev.ironworks.io.yaml.TextFiles;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The sweep as a Spark job: the space's point ids cut into contiguous ranges, one per partition,
 * each evaluated on an executor with the same planner as the local executor; the rows written as
 * Parquet in id order (part files in partition order), and each partition's counts, front and tops
 * merged on the driver in id order into the same front, tops, exclusions and uncertainty as the
 * local executor's.
 *
 * <pre>
 * spark-submit --class dev.ironworks.spark.SparkSweep spark/target/ironworks-spark.jar \
 *     SPACE.yaml OUT_DIR [--partitions N] [--top K]
 * </pre>
 */
public final class SparkSweep {
  private SparkSweep() {}

  /** The sweep's inputs as texts: executors read nothing from the driver's disk. */
  record Source(
      String spaceFile,
      String spaceText,
      String baseText,
      int topK,
      String catalogFile,
      String catalogText)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** What one partition reports besides its rows. */
  record Part(
      int index,
      long evaluated,
      long feasible,
      Map<String, Long> exclusions,
      List<SweepRow> candidates)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** A finished Spark sweep: the designs and the merged result. */
  public record Outcome(long designs, int partitions, Sweep.Result result) {}

  /** An executor's catalog, space and base tree, read once per JVM and space. */
  private record Loaded(Catalog catalog, SweepSpec spec, SweepEvaluator evaluator) {}

  private static final Map<Source, Loaded> LOADED = new ConcurrentHashMap<>();

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println(
          "usage: spark-submit --class dev.ironworks.spark.SparkSweep ironworks-spark.jar"
              + " SPACE.yaml OUT_DIR [--partitions N] [--top K] [--catalog FILE]");
      System.exit(2);
    }
    int partitions = 0;
    int top = 10;
    Path catalogFile = null;
    for (int i = 2; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--partitions" -> partitions = Integer.parseInt(args[i + 1]);
        case "--top" -> top = Integer.parseInt(args[i + 1]);
        case "--catalog" -> catalogFile = Path.of(args[i + 1]);
        default -> {
          System.err.println(
              "error: unknown option " + args[i] + " (allowed: --partitions, --top, --catalog)");
          System.exit(2);
        }
      }
    }
    SparkSession spark = SparkSession.builder().appName("ironworks-sweep").getOrCreate();
    int code = 0;
    try {
      int n = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism() * 4;
      Outcome o = run(spark, Path.of(args[0]), Path.of(args[1]), n, top, catalogFile);
      System.out.printf(
          "%d designs on %d partitions, %d within the constraints, %d on the Pareto front%n",
          o.result().evaluated(), o.partitions(), o.result().feasible(), o.result().front().size());
    } catch (InputException e) {
      e.problems().forEach(p -> System.err.println("error: " + p.format()));
      code = 2;
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      code = 2;
    } finally {
      spark.stop();
    }
    System.exit(code);
  }

  /**
   * Runs the sweep of {@code spaceFile} on {@code spark}, writing points.parquet (a folder of part
   * files), front.parquet, front.csv, front.json and sweep.json into {@code out}.
   */
  public static Outcome run(SparkSession spark, Path spaceFile, Path out, int partitions, int topK)
      throws IOException {
    return run(spark, spaceFile, out, partitions, topK, null);
  }

  /** {@link #run} planning with the shipped catalog and {@code catalogFile} laid over it. */
  public static Outcome run(
      SparkSession spark, Path spaceFile, Path out, int partitions, int topK, Path catalogFile)
      throws IOException {
    String catalogText = catalogFile == null ? null : TextFiles.read(catalogFile);
    Catalog catalog =
        catalogFile == null
            ? CatalogLoader.builtin()
            : CatalogLoader.withOverrides(
                CatalogLoader.builtin(), catalogFile.toString(), catalogText);
    String spaceText = TextFiles.read(spaceFile);
    SweepSpec spec = SweepReader.read(spaceFile, spaceText, null, catalog);
    if (spec.space().exactSize().bitLength() > 62) {
      throw new InputException(
          List.of(
              new Problem(
                  spaceFile.toString(),
                  0,
                  0,
                  "axes",
                  "the space holds " + spec.space().exactSize() + " designs, too many to number")));
    }
    if (Files.exists(out.resolve("points.parquet")) || Files.exists(out.resolve("front.json"))) {
      throw new InputException(
          List.of(
              new Problem(
                  out.toString(),
                  0,
                  0,
                  "OUT_DIR",
                  "holds a sweep's results already; choose an empty folder (nothing is"
                      + " overwritten)")));
    }
    long size = spec.space().size();
    int parts = (int) Math.max(1, Math.min(Math.max(1, partitions), size));
    int top = Math.max(1, topK);
    List<String> metrics = Sweep.metrics(spec);
    Map<String, String> types = SweepTables.columnTypes(spec, metrics);
    StructType schema = schema(types);
    Source source =
        new Source(
            spaceFile.toString(),
            spaceText,
            spec.baseText(),
            top,
            catalogFile == null ? null : catalogFile.toString(),
            catalogText);
    Files.createDirectories(out);

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    CollectionAccumulator<Part> reports =
        spark.sparkContext().collectionAccumulator("ironworks-sweep-parts");
    List<Integer> indices = IntStream.range(0, parts).boxed().toList();
    JavaRDD<Row> rows =
        jsc.parallelize(indices, parts)
            .mapPartitions(it -> new PartRows(source, it, size, parts, types, metrics, reports));
    spark
        .createDataFrame(rows, schema)
        .write()
        .option("compression", "zstd")
        .parquet(out.resolve("points.parquet").toString());

    // Retried tasks report again, identically: one report per partition is kept.
    Map<Integer, Part> byIndex = new TreeMap<>();
    for (Part p : reports.value()) {
      byIndex.putIfAbsent(p.index(), p);
    }
    if (byIndex.size() != parts) {
      throw new IllegalStateException(
          byIndex.size() + " of " + parts + " partitions reported their front");
    }
    SweepCollector collector = new SweepCollector(spec, top);
    byIndex
        .values()
        .forEach(p -> collector.merge(p.evaluated(), p.feasible(), p.exclusions(), p.candidates()));
    Sweep.Result result = collector.finish(spec, catalog);

    List<Row> front = new ArrayList<>();
    result.front().forEach(r -> front.add(row(r, types, metrics)));
    spark
        .createDataFrame(front, schema)
        .coalesce(1)
        .write()
        .option("compression", "zstd")
        .parquet(out.resolve("front.parquet").toString());
    SweepFolder.writeFront(out, spec, metrics, result);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("space", spaceFile.toString());
    manifest.put("designs", size);
    manifest.put("completed", result.evaluated());
    manifest.put("seed", spec.seed());
    manifest.put("executor", "spark");
    manifest.put("partitions", parts);
    Files.writeString(
        out.resolve("sweep.json"), JsonRenderer.render(manifest), StandardCharsets.UTF_8);
    return new Outcome(size, parts, result);
  }

  /**
   * First id of partition {@code i} of {@code parts} over {@code size} ids (ranges differ by 1).
   */
  static long firstId(long size, int parts, int i) {
    return size / parts * i + Math.min(i, size % parts);
  }

  static StructType schema(Map<String, String> types) {
    List<StructField> fields = new ArrayList<>();
    types.forEach(
        (name, type) ->
            fields.add(DataTypes.createStructField(name, sparkType(type), !name.equals("id"))));
    return DataTypes.createStructType(fields);
  }

  private static DataType sparkType(String sqlType) {
    return switch (sqlType) {
      case "BIGINT" -> DataTypes.LongType;
      case "DOUBLE" -> DataTypes.DoubleType;
      case "BOOLEAN" -> DataTypes.BooleanType;
      default -> DataTypes.StringType;
    };
  }

  /** A sweep row as a Spark row with the typed columns (NaN and no reason as null). */
  static Row row(SweepRow r, Map<String, String> types, List<String> metrics) {
    Object[] v = new Object[types.size()];
    int k = 0;
    v[k++] = r.id();
    List<String> kinds = new ArrayList<>(types.values());
    for (String a : r.axisValues()) {
      String kind = kinds.get(k);
      v[k++] =
          switch (kind) {
            case "BIGINT" -> Long.parseLong(a);
            case "DOUBLE" -> Double.parseDouble(a);
            default -> a;
          };
    }
    for (String m : metrics) {
      double d = r.figures().get(m);
      v[k++] = Double.isNaN(d) ? null : d;
    }
    v[k++] = r.feasible();
    v[k] = r.violations().isEmpty() ? null : String.join("; ", r.violations());
    return RowFactory.create(v);
  }

  /** Evaluates a partition's id range lazily, one design at a time, and reports at its end. */
  private static final class PartRows implements Iterator<Row> {
    private final Loaded loaded;
    private final Iterator<Integer> indices;
    private final long size;
    private final int parts;
    private final Map<String, String> types;
    private final List<String> metrics;
    private final CollectionAccumulator<Part> reports;
    private final int topK;
    private SweepCollector collector;
    private int index = -1;
    private long next;
    private long end;

    PartRows(
        Source source,
        Iterator<Integer> indices,
        long size,
        int parts,
        Map<String, String> types,
        List<String> metrics,
        CollectionAccumulator<Part> reports) {
      this.loaded = LOADED.computeIfAbsent(source, SparkSweep::load);
      this.indices = indices;
      this.size = size;
      this.parts = parts;
      this.types = types;
      this.metrics = metrics;
      this.reports = reports;
      this.topK = source.topK();
    }

    @Override
    public boolean hasNext() {
      while (index < 0 || next >= end) {
        if (index >= 0) {
          report();
          index = -1;
        }
        if (!indices.hasNext()) {
          return false;
        }
        index = indices.next();
        next = firstId(size, parts, index);
        end = firstId(size, parts, index + 1);
        collector = new SweepCollector(loaded.spec(), topK);
      }
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      SweepRow r = loaded.evaluator().evaluate(next++);
      collector.accept(r);
      return row(r, types, metrics);
    }

    private void report() {
      List<SweepRow> candidates = new ArrayList<>();
      for (SweepRow r : collector.candidates()) {
        candidates.add(
            new SweepRow(
                r.id(),
                new ArrayList<>(r.axisValues()),
                new LinkedHashMap<>(r.figures()),
                new ArrayList<>(r.violations())));
      }
      reports.add(
          new Part(
              index,
              collector.evaluated(),
              collector.feasible(),
              new TreeMap<>(collector.exclusions()),
              candidates));
    }
  }

  private static Loaded load(Source source) {
    Catalog catalog =
        source.catalogText() == null
            ? CatalogLoader.builtin()
            : CatalogLoader.withOverrides(
                CatalogLoader.builtin(), source.catalogFile(), source.catalogText());
    SweepSpec spec =
        SweepReader.read(
            Path.of(source.spaceFile()), source.spaceText(), source.baseText(), catalog);
    return new Loaded(catalog, spec, new SweepEvaluator(spec, catalog));
  }
}
