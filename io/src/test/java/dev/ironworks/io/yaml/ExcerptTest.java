package dev.ironworks.io.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Excerpt}: long input quoted by its start and length, short input whole. */
class ExcerptTest {
  @Test
  void shortTextIsQuotedWhole() {
    assertEquals("nvidia-h100-sxm-80gb", Excerpt.of("nvidia-h100-sxm-80gb"));
    String eighty = "a".repeat(Excerpt.MAX_CHARS);
    assertEquals(eighty, Excerpt.of(eighty));
  }

  @Test
  void aLongIdIsCutToItsStartAndLength() {
    String shown = Excerpt.of("a".repeat(122_000));
    assertEquals("a".repeat(56) + "…[122,000 characters]", shown);
    assertTrue(shown.length() <= Excerpt.MAX_CHARS);
  }

  @Test
  void theCutNeverSplitsACharacterInTwo() {
    // 55 'a' then an emoji: the cut at 56 chars would keep only the pair's first half.
    String shown = Excerpt.of("a".repeat(55) + "\uD83D\uDE00" + "b".repeat(100));
    assertEquals("a".repeat(55) + "…[157 characters]", shown);
  }
}
