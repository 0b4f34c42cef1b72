package dev.ironworks.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.explore.Sweep;
import dev.ironworks.io.explore.SweepFiles;
import dev.ironworks.io.explore.SweepReader;
import dev.ironworks.io.explore.SweepRow;
import dev.ironworks.io.explore.SweepSpec;
import dev.ironworks.io.explore.SweepTables;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.yaml.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark executor in local mode yields exactly the local executor's rows and front. */
@Tag("slow")
class SparkSweepTest {
  private static final Path SPACE = Path.of("../examples/spaces/h100-vs-b200-sites.yaml");
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("ironworks-sweep-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void sparkYieldsTheLocalExecutorsRowsAndFront(@TempDir Path dir) throws IOException {
    Catalog catalog = CatalogLoader.builtin();
    SweepSpec spec = SweepReader.read(SPACE, catalog);
    List<String> metrics = Sweep.metrics(spec);
    Map<String, String> types = SweepTables.columnTypes(spec, metrics);
    List<SweepRow> local = new ArrayList<>();
    Sweep.Result expected =
        Sweep.run(spec, catalog, 2, 0, Stream.empty(), 10, local::add, done -> {});

    // Five partitions over 32 designs: ranges of 7 and 6, fronts merged across them.
    Path out = dir.resolve("out");
    SparkSweep.Outcome outcome = SparkSweep.run(spark, SPACE, out, 5, 10);
    assertEquals(32, outcome.designs());
    assertEquals(5, outcome.partitions());

    List<Row> written =
        spark
            .read()
            .parquet(out.resolve("points.parquet").toString())
            .orderBy("id")
            .collectAsList();
    assertEquals(local.size(), written.size());
    for (int i = 0; i < local.size(); i++) {
      assertEquals(SparkSweep.row(local.get(i), types, metrics), written.get(i), "design " + i);
    }
    assertEquals(expected.evaluated(), outcome.result().evaluated());
    assertEquals(expected.feasible(), outcome.result().feasible());
    assertEquals(expected.exclusions(), outcome.result().exclusions());
    assertEquals(
        expected.front().stream().map(SweepRow::id).toList(),
        outcome.result().front().stream().map(SweepRow::id).toList());
    assertEquals(
        JsonRenderer.render(SweepFiles.frontJson(spec, expected)),
        Files.readString(out.resolve("front.json")));
    assertEquals(
        SweepFiles.frontCsv(SweepFiles.header(spec, metrics), expected, metrics),
        Files.readString(out.resolve("front.csv")));
    assertTrue(!expected.front().isEmpty());

    // The same folder again is refused: nothing is overwritten.
    InputException again =
        assertThrows(InputException.class, () -> SparkSweep.run(spark, SPACE, out, 3, 10));
    assertTrue(again.getMessage().contains("choose an empty folder"), again.getMessage());
  }

  @Test
  void aUsersCatalogReachesTheExecutors(@TempDir Path dir) throws IOException {
    // Texas at a cent a kWh: the executors must plan with it, as the local executor does.
    Path prices = dir.resolve("prices.yaml");
    String shipped =
        Files.readString(Path.of("../io/src/main/resources/dev/ironworks/catalog/regions.yaml"));
    int start = shipped.indexOf("  - id: us-texas");
    int end = shipped.indexOf("\n  - id:", start + 5);
    String texas = shipped.substring(start, end);
    Files.writeString(
        prices,
        "regions:\n"
            + texas.replaceAll("electricityUsdPerKwh: [0-9.]+", "electricityUsdPerKwh: 0.01")
            + "\n");
    Catalog catalog = CatalogLoader.withOverrides(CatalogLoader.builtin(), prices);
    SweepSpec spec = SweepReader.read(SPACE, catalog);
    List<String> metrics = Sweep.metrics(spec);
    Sweep.Result expected =
        Sweep.run(spec, catalog, 2, 0, Stream.empty(), 10, row -> {}, done -> {});
    Sweep.Result shippedResult =
        Sweep.run(
            SweepReader.read(SPACE, CatalogLoader.builtin()),
            CatalogLoader.builtin(),
            2,
            0,
            Stream.empty(),
            10,
            row -> {},
            done -> {});
    Path out = dir.resolve("out");
    SparkSweep.run(spark, SPACE, out, 3, 10, prices);
    String frontCsv = SweepFiles.frontCsv(SweepFiles.header(spec, metrics), expected, metrics);
    assertEquals(frontCsv, Files.readString(out.resolve("front.csv")));
    assertTrue(
        !frontCsv.equals(
            SweepFiles.frontCsv(SweepFiles.header(spec, metrics), shippedResult, metrics)),
        "the cheap power changes the front's figures");
  }

  @Test
  void partitionRangesCoverEveryIdOnce() {
    for (long size : new long[] {1, 7, 32, 1_000_003}) {
      for (int parts : new int[] {1, 2, 5, 7}) {
        int n = (int) Math.min(parts, size);
        assertEquals(0, SparkSweep.firstId(size, n, 0));
        assertEquals(size, SparkSweep.firstId(size, n, n));
        for (int i = 0; i < n; i++) {
          long len = SparkSweep.firstId(size, n, i + 1) - SparkSweep.firstId(size, n, i);
          assertTrue(len == size / n || len == size / n + 1, size + "/" + n);
        }
      }
    }
  }
}
