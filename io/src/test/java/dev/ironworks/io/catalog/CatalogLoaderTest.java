package dev.ironworks.io.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.CatalogKind;
import dev.ironworks.core.catalog.ScaleUpTopology;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {
  private final Catalog catalog = CatalogLoader.builtin();

  @Test
  void everyModelsShapeReproducesItsPublishedParameterCounts() {
    // The shape (layers, widths, experts, vocabulary) is what the step and memory models use; the
    // published totals check it, to their rounding (Megatron-LM's "1.7B" is 1.65B) and the biases,
    // sinks and norms the shape leaves out. Active counts are published with both embedding
    // matrices (Qwen, DeepSeek) or with the output one only (GPT-OSS); either must match.
    List<String> off = new ArrayList<>();
    for (TransformerModel m : catalog.models().values()) {
      double total = m.structuralParameters() / m.parameters() - 1;
      if (Math.abs(total) > 0.035) {
        off.add(String.format(Locale.ROOT, "%s total %+.1f%%", m.id(), 100 * total));
      }
      if (m.activeParametersPublished().isPresent()) {
        double published = m.activeParametersPublished().getAsDouble();
        double inputTable = (double) m.vocabularySize() * m.hiddenSize();
        double both = m.activeParameters() / published - 1;
        double outputOnly = (m.activeParameters() - inputTable) / published - 1;
        if (Math.min(Math.abs(both), Math.abs(outputOnly)) > 0.02) {
          off.add(
              String.format(
                  Locale.ROOT,
                  "%s active %+.1f%% / %+.1f%%",
                  m.id(),
                  100 * both,
                  100 * outputOnly));
        }
      }
    }
    assertTrue(off.isEmpty(), "shapes off their published counts: " + off);
  }

  @Test
  void shipsEveryAcceleratorTheFoundationIssueNames() {
    List<String> required =
        List.of(
            "nvidia-p100",
            "nvidia-v100",
            "nvidia-t4",
            "nvidia-a100-40gb",
            "nvidia-a100-80gb",
            "nvidia-h100-sxm-80gb",
            "nvidia-h100-pcie-80gb",
            "nvidia-h800",
            "nvidia-h200",
            "nvidia-b100",
            "nvidia-b200",
            "nvidia-gb200",
            "google-tpu-v2",
            "google-tpu-v3",
            "google-tpu-v4",
            "google-tpu-v5e",
            "google-tpu-v5p",
            "amd-mi300x",
            "cerebras-cs3",
            "groq-lpu",
            "graphcore-ipu");
    for (String id : required) {
      assertTrue(catalog.accelerators().containsKey(id), id);
    }
  }

  @Test
  void shipsTheNamedFabricsRegionsAndCoolingTypes() {
    for (String id :
        List.of(
            "infiniband-hdr",
            "infiniband-ndr",
            "infiniband-xdr",
            "ethernet-roce-400g",
            "ethernet-roce-800g")) {
      assertTrue(catalog.fabrics().containsKey(id), id);
    }
    for (String id :
        List.of(
            "us-average",
            "us-texas",
            "us-virginia",
            "iceland",
            "norway",
            "quebec",
            "france",
            "ireland",
            "china-average",
            "taiwan")) {
      assertTrue(catalog.regions().containsKey(id), id);
    }
    for (String id : List.of("air", "liquid-cold-plate", "immersion", "two-phase-immersion")) {
      assertTrue(catalog.coolingTypes().containsKey(id), id);
    }
    assertTrue(catalog.scaleUps().keySet().stream().anyMatch(id -> id.startsWith("nvlink")));
    assertTrue(catalog.scaleUps().keySet().stream().anyMatch(id -> id.startsWith("tpu-ici")));
  }

  @Test
  void everyEntryHasASourceAndADate() {
    for (CatalogKind kind : CatalogKind.values()) {
      for (Object entry : catalog.entries(kind).values()) {
        String text = entry.toString();
        assertTrue(text.contains("source="), kind + " " + text);
        assertFalse(text.contains("source=,"), kind + " " + text);
      }
    }
  }

  @Test
  void serverHostPowerMatchesTheDatasheetRatingWhereOneIsGiven() {
    // Peak = accelerators × TDP + host; where the datasheet gives a rating, they must agree to 1%.
    for (ServerSpec server : catalog.servers().values()) {
      if (server.maxPowerWatts().isEmpty()) {
        continue;
      }
      Accelerator accelerator = catalog.accelerator(server.acceleratorId());
      double peak = server.peakPowerWatts(accelerator.tdpWatts());
      double rated = server.maxPowerWatts().getAsDouble();
      assertEquals(rated, peak, rated * 0.01, server.id());
    }
  }

  @Test
  void everyAcceleratorsDefaultServerHoldsIt() {
    for (Accelerator a : catalog.accelerators().values()) {
      assertEquals(a.id(), catalog.server(a.defaultServerId()).acceleratorId(), a.id());
    }
  }

  @Test
  void aUserFileAddsAndReplacesEntries(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mine.yaml");
    Files.writeString(
        file,
        """
        regions:
          - id: us-texas
            name: Texas at our contract price
            electricityUsdPerKwh: 0.045
            gridKgCo2ePerKwh: 0.38
            wueLitersPerKwh: 0.4
            constructionUsdPerMw: 9.5e6
            colocationUsdPerKwMonth: 140
            source: our PPA, 2026
            asOf: '2026-01'
          - id: our-campus
            name: Our campus
            electricityUsdPerKwh: 0.05
            gridKgCo2ePerKwh: 0.1
            wueLitersPerKwh: 0.2
            constructionUsdPerMw: 10e6
            colocationUsdPerKwMonth: 150
            source: our facilities team
            asOf: '2026-01'
        """);
    Catalog merged = CatalogLoader.withOverrides(catalog, file);
    assertEquals(0.045, merged.region("us-texas").electricityUsdPerKwh());
    assertTrue(merged.regions().containsKey("our-campus"));
    assertEquals(catalog.accelerators(), merged.accelerators());
  }

  @Test
  void aBadUserFileReportsEveryProblemWithItsLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        regions:
          - id: mars
            name: Mars
            electricityUsdPerKwh: -1
            gridKgCo2ePerKwh: 0.1
            wueLitersPerKwh: 0.2
            constructionUsdPerMw: 10e6
            colocationUsdPerKwMonth: 150
            sorce: somewhere
            asOf: '2026-01'
        acelerators: []
        """);
    InputException e =
        assertThrows(InputException.class, () -> CatalogLoader.withOverrides(catalog, file));
    List<String> messages = e.problems().stream().map(Problem::format).toList();
    assertTrue(
        messages.stream().anyMatch(m -> m.contains(":4:") && m.contains("electricityUsdPerKwh")),
        messages.toString());
    assertTrue(
        messages.stream().anyMatch(m -> m.contains(":9:") && m.contains("did you mean 'source'")),
        messages.toString());
    assertTrue(
        messages.stream().anyMatch(m -> m.contains(":11:") && m.contains("'accelerators'")),
        messages.toString());
  }

  @Test
  void aReferenceToAMissingServerIsCaught(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yaml");
    String h100 =
        Files.readString(Path.of("src/main/resources/dev/ironworks/catalog/accelerators.yaml"));
    int start = h100.indexOf("  - id: nvidia-h100-sxm-80gb");
    int end = h100.indexOf("\n  - id:", start + 5);
    String entry =
        h100.substring(start, end).replace("defaultServer: dgx-h100", "defaultServer: dgx-h10");
    Files.writeString(file, "accelerators:\n" + entry + "\n");
    InputException e =
        assertThrows(InputException.class, () -> CatalogLoader.withOverrides(catalog, file));
    assertTrue(e.getMessage().contains("did you mean 'dgx-h100'"), e.getMessage());
  }

  @Test
  void aServerMayWireItsAcceleratorsWithItsOwnScaleUpInterconnect(@TempDir Path dir)
      throws IOException {
    ServerSpec dgx2 = catalog.server("dgx-2h");
    Accelerator v100 = catalog.accelerator("nvidia-v100");
    assertEquals("nvswitch-1", dgx2.scaleUpId(v100));
    assertEquals("nvlink-2", catalog.server("dgx-1-v100").scaleUpId(v100));
    assertEquals(ScaleUpTopology.SWITCHED, catalog.scaleUp(dgx2.scaleUpId(v100)).topology());

    String servers =
        Files.readString(Path.of("src/main/resources/dev/ironworks/catalog/servers.yaml"));
    int start = servers.indexOf("  - id: dgx-2h");
    int end = servers.indexOf("\n  - id:", start + 5);
    String entry = end < 0 ? servers.substring(start) : servers.substring(start, end);
    Path misspelt = dir.resolve("misspelt.yaml");
    Files.writeString(
        misspelt, "servers:\n" + entry.replace("scaleUp: nvswitch-1", "scaleUp: nvswitch1") + "\n");
    InputException e =
        assertThrows(InputException.class, () -> CatalogLoader.withOverrides(catalog, misspelt));
    assertTrue(e.getMessage().contains("did you mean 'nvswitch-1'"), e.getMessage());

    Path tooLarge = dir.resolve("too-large.yaml");
    Files.writeString(
        tooLarge, "servers:\n" + entry.replace("scaleUp: nvswitch-1", "scaleUp: nvlink-2") + "\n");
    e = assertThrows(InputException.class, () -> CatalogLoader.withOverrides(catalog, tooLarge));
    assertTrue(
        e.getMessage()
            .contains("16 exceeds scale-up interconnect 'nvlink-2', which joins at most 8"),
        e.getMessage());
  }

  @Test
  void aCalibrationsBestPublishedMfuIsByFormatOrOneSixteenBitFigure(@TempDir Path dir)
      throws IOException {
    String shipped =
        Files.readString(Path.of("src/main/resources/dev/ironworks/catalog/calibration.yaml"));
    int start = shipped.indexOf("  - id: nvidia-hopper\n");
    int end = shipped.indexOf("\n  - id:", start + 5);
    String hopper = shipped.substring(start, end);
    String mapping = "bestPublishedMfu: {bf16: 0.446, fp8: 0.397}";
    assertTrue(hopper.contains(mapping), hopper);

    Path scalar = dir.resolve("scalar.yaml");
    Files.writeString(
        scalar, "calibration:\n" + hopper.replace(mapping, "bestPublishedMfu: 0.5") + "\n");
    Calibration c =
        CatalogLoader.withOverrides(catalog, scalar).calibration("nvidia-h100-sxm-80gb");
    assertEquals(0.5, c.bestPublishedMfu("bf16").orElseThrow());
    assertEquals(0.5, c.bestPublishedMfu("fp16").orElseThrow());
    assertTrue(c.bestPublishedMfu("fp8").isEmpty());

    Path typo = dir.resolve("typo.yaml");
    Files.writeString(
        typo,
        "calibration:\n"
            + hopper.replace(mapping, "bestPublishedMfu: {bf16: 0.4, fp9: 0.3}")
            + "\n");
    InputException e =
        assertThrows(InputException.class, () -> CatalogLoader.withOverrides(catalog, typo));
    assertTrue(
        e.getMessage().contains("bestPublishedMfu.fp9") && e.getMessage().contains("'fp8'"),
        e.getMessage());
  }

  @Test
  void aCalibrationsLeaveOutErrorIsReadAndChecked(@TempDir Path dir) throws IOException {
    String shipped =
        Files.readString(Path.of("src/main/resources/dev/ironworks/catalog/calibration.yaml"));
    int start = shipped.indexOf("  - id: nvidia-hopper\n");
    int end = shipped.indexOf("\n  - id:", start + 5);
    String hopper = shipped.substring(start, end);
    int at = hopper.indexOf("    leaveOutError: {");
    assertTrue(at > 0, hopper);
    String line = hopper.substring(at, hopper.indexOf('\n', at));
    Calibration own = catalog.calibration("nvidia-h100-sxm-80gb");
    assertTrue(own.leaveOutError().orElseThrow().runs() > 0);

    Path inverted = dir.resolve("inverted.yaml");
    Files.writeString(
        inverted,
        "calibration:\n"
            + hopper.replace(line, "    leaveOutError: {runs: 3, meanPercent: 12, worstPercent: 5}")
            + "\n");
    InputException e =
        assertThrows(InputException.class, () -> CatalogLoader.withOverrides(catalog, inverted));
    assertTrue(
        e.getMessage().contains("leaveOutError.worstPercent")
            && e.getMessage().contains("meanPercent (12)"),
        e.getMessage());

    Path typo = dir.resolve("typo.yaml");
    Files.writeString(
        typo,
        "calibration:\n"
            + hopper.replace(line, "    leaveOutError: {runs: 3, meanPercent: 4, worst: 5}")
            + "\n");
    e = assertThrows(InputException.class, () -> CatalogLoader.withOverrides(catalog, typo));
    assertTrue(e.getMessage().contains("worstPercent"), e.getMessage());
  }
}
