package dev.ironworks.io.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.explore.SweepReader;
import dev.ironworks.io.explore.SweepSpec;
import dev.ironworks.io.scenario.ScenarioReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A character outside the Basic Multilingual Plane is two UTF-16 chars. SnakeYAML reads its input
 * in buffers of 1,024 chars, and up to 2.3 threw IndexOutOfBoundsException when the first half of
 * such a pair was the last char of a buffer (offset 1,023, 2,047 …). Every reader is fed an emoji
 * at each such offset and its neighbours, in a comment and inside a value, and must read the text
 * as it would without it.
 */
class SupplementaryCharacterTest {
  private static final Catalog CATALOG = CatalogLoader.builtin();

  /** Grinning face, U+1F600: the surrogate pair D83D DE00. */
  private static final String EMOJI = "\uD83D\uDE00";

  private static final int BUFFER_CHARS = 1024;

  private static final String SCENARIO =
      "name: emoji\ncluster:\n  accelerator: nvidia-h100-sxm-80gb\n  count: 64\n";

  /** Offsets of the pair's first half: each buffer's last char, and two either side of it. */
  static List<Integer> offsets() {
    List<Integer> out = new ArrayList<>();
    for (int buffer = 1; buffer <= 8; buffer++) {
      int last = buffer * BUFFER_CHARS - 1;
      for (int d = -2; d <= 2; d++) {
        out.add(last + d);
      }
    }
    out.add(64 * BUFFER_CHARS - 1);
    return out;
  }

  /** A comment line that puts the emoji's first half at {@code offset}, then a newline. */
  static String commentWithEmojiAt(int offset) {
    return "#" + "a".repeat(offset - 1) + EMOJI + "\n";
  }

  @Test
  void theIssuesReproductionReads() {
    // '#' + 1,022 'a' + the emoji: its first half is char 1,023, the last of the first buffer.
    String text = "#" + "a".repeat(1022) + EMOJI + "\n" + SCENARIO;
    assertEquals(1023, text.indexOf(EMOJI));
    assertEquals("emoji", ScenarioReader.read("scenario", text, CATALOG).scenario().name());
  }

  @Test
  void aScenarioReadsWithAnEmojiInACommentAtEveryBufferBoundary() {
    for (int offset : offsets()) {
      String text = commentWithEmojiAt(offset) + SCENARIO;
      assertEquals(offset, text.indexOf(EMOJI));
      assertEquals(
          "emoji",
          ScenarioReader.read("scenario", text, CATALOG).scenario().name(),
          "offset " + offset);
    }
  }

  @Test
  void anEmojiInsideAValueAtEveryBufferBoundaryIsKept() {
    String prefix = "name: '";
    String rest = SCENARIO.substring(SCENARIO.indexOf('\n') + 1);
    for (int offset : offsets()) {
      String filler = "b".repeat(offset - prefix.length());
      String text = prefix + filler + EMOJI + " end'\n" + rest;
      assertEquals(offset, text.indexOf(EMOJI));
      String name = ScenarioReader.read("scenario", text, CATALOG).scenario().name();
      assertEquals(filler + EMOJI + " end", name, "offset " + offset);
    }
  }

  @Test
  void aProblemAfterTheEmojiIsOnItsOwnLine() {
    for (int offset : offsets()) {
      String text = commentWithEmojiAt(offset) + SCENARIO.replace("count: 64", "count: -1");
      InputException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              InputException.class, () -> ScenarioReader.read("scenario", text, CATALOG));
      Problem p = e.problems().get(0);
      assertEquals("cluster.count", p.field(), e.getMessage());
      assertEquals(5, p.line(), "offset " + offset);
    }
  }

  @Test
  void aDesignSpaceAndItsBaseReadWithAnEmojiAtEveryBufferBoundary() {
    for (int offset : offsets()) {
      String comment = commentWithEmojiAt(offset);
      SweepSpec spec =
          SweepReader.read(
              Path.of("space.yaml"),
              comment + "base: base.yaml\naxes:\n  cluster.count: [64, 128]\n",
              comment + SCENARIO,
              CATALOG);
      assertEquals(2, spec.space().size(), "offset " + offset);
    }
  }

  @Test
  void aCatalogFileReadsWithAnEmojiAtEveryBufferBoundary() {
    String regions =
        """
        regions:
          - id: our-campus
            name: Our campus
            electricityUsdPerKwh: 0.05
            gridKgCo2ePerKwh: 0.1
            wueLitersPerKwh: 0.2
            constructionUsdPerMw: 10e6
            colocationUsdPerKwMonth: 150
            source: our facilities team
            asOf: '2026-01'
        """;
    for (int offset : offsets()) {
      Catalog merged =
          CatalogLoader.withOverrides(
              CATALOG, "catalog.yaml", commentWithEmojiAt(offset) + regions);
      assertTrue(merged.regions().containsKey("our-campus"), "offset " + offset);
    }
  }
}
