package dev.ironworks.io.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {
  private static final List<String> IDS =
      List.of("nvidia-h100-sxm-80gb", "nvidia-h100-pcie-80gb", "nvidia-b100", "us-texas");

  @Test
  void levenshteinDistanceByHand() {
    assertEquals(3, Suggest.distance("kitten", "sitting"));
    assertEquals(0, Suggest.distance("air", "air"));
    assertEquals(3, Suggest.distance("", "air"));
  }

  @Test
  void aPrefixSuggestsItsExtensionsShortestFirst() {
    assertEquals(
        " (did you mean 'nvidia-h100-sxm-80gb' or 'nvidia-h100-pcie-80gb'?)",
        Suggest.didYouMean("nvidia-h100", IDS));
  }

  @Test
  void aTypoSuggestsTheClosestId() {
    assertEquals(" (did you mean 'us-texas'?)", Suggest.didYouMean("us-texs", IDS));
    assertEquals(" (did you mean 'nvidia-b100'?)", Suggest.didYouMean("nvidia-b10O", IDS));
  }

  @Test
  void somethingFarFromEveryIdSuggestsNothing() {
    assertEquals("", Suggest.didYouMean("mars", IDS));
  }

  @Test
  void textLongerThanAnyIdGetsNoSuggestionAndNoScan() {
    // 122,000 characters against every saved id once took seconds of edit distances.
    assertEquals("", Suggest.didYouMean("a".repeat(122_000), IDS));
    assertEquals("", Suggest.didYouMean("nvidia-h100" + "x".repeat(Suggest.MAX_CHARS), IDS));
    // Within the cap, a candidate far longer or shorter than the text is not a suggestion.
    assertEquals("", Suggest.didYouMean("us", List.of("nvidia-h100-sxm-80gb-with-a-long-name")));
  }
}
