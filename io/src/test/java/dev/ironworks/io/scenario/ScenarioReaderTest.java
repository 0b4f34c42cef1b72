package dev.ironworks.io.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.scenario.CloudBilling;
import dev.ironworks.core.scenario.FacilityOwnership;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.Topology;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {
  private final Catalog catalog = CatalogLoader.builtin();

  private List<String> problems(String yaml) {
    InputException e =
        assertThrows(InputException.class, () -> ScenarioReader.read("s.yaml", yaml, catalog));
    return e.problems().stream().map(Problem::format).toList();
  }

  private static void assertHas(List<String> problems, String... parts) {
    assertTrue(
        problems.stream().anyMatch(p -> List.of(parts).stream().allMatch(p::contains)),
        "no problem containing " + List.of(parts) + " in " + problems);
  }

  @Test
  void readsEveryKeyTheFoundationIssueLists() {
    Scenario s =
        ScenarioReader.read(
                "s.yaml",
                """
                name: demo
                cluster:
                  accelerator: nvidia-h100-sxm-80gb
                  count: 1024
                  server: dgx-h100
                  averagePowerWattsPerAccelerator: 1100
                  fabric: {kind: infiniband-ndr, topology: rail-optimized, oversubscription: 1}
                  storage: {capacityPetabytes: 10, writeGigabytesPerSecond: 500}
                site:
                  region: us-average
                  cooling: liquid-cold-plate
                  pue: 1.15
                  electricityUsdPerKwh: 0.10
                  gridKgCo2ePerKwh: 0.38
                finance:
                  horizonYears: 3
                  utilization: 0.8
                  cloudUsdPerAcceleratorHour: 2.50
                workload:
                  training:
                    model: llama3-70b
                    tokens: 15e12
                    durationDays: 20
                """,
                catalog)
            .scenario();
    assertEquals("demo", s.name());
    assertEquals(1024, s.cluster().acceleratorCount());
    assertEquals(Topology.RAIL_OPTIMIZED, s.cluster().fabric().topology().orElseThrow());
    assertEquals(500, s.cluster().storage().orElseThrow().writeGigabytesPerSecond().getAsDouble());
    assertEquals(1.15, s.site().pue().getAsDouble());
    assertEquals(2.50, s.finance().cloudUsdPerAcceleratorHour().getAsDouble());
    assertEquals(CloudBilling.RESERVED, s.finance().cloudBilling());
    assertEquals(FacilityOwnership.BUILD, s.finance().facility());
    assertEquals(15e12, s.training().orElseThrow().tokens().getAsDouble());
    assertEquals(20, s.training().orElseThrow().durationDays().getAsDouble());
  }

  @Test
  void defaultsFillWhatIsLeftOut() {
    Scenario s =
        ScenarioReader.read(
                "small-cluster.yaml",
                "cluster: {accelerator: nvidia-a100-80gb, count: 64}\n",
                catalog)
            .scenario();
    assertEquals("small-cluster", s.name());
    assertEquals(ScenarioReader.DEFAULT_REGION, s.site().regionId());
    assertEquals(ScenarioReader.DEFAULT_COOLING, s.site().coolingId());
    assertEquals(3, s.finance().horizonYears());
    assertTrue(s.training().isEmpty());
  }

  @Test
  void reportsEveryProblemAtOnceWithLineAndColumn() {
    List<String> problems =
        problems(
            """
            cluster:
              accelerator: nvidia-h100-sxm
              count: -5
              fabrik: {kind: infiniband-ndr}
            site:
              region: us-texass
              cooling: air
              pue: 0.9
            finance:
              utilization: 1.2
            """);
    assertHas(
        problems, "s.yaml:2:16", "cluster.accelerator", "did you mean 'nvidia-h100-sxm-80gb'");
    assertHas(problems, "s.yaml:3:10", "cluster.count", "between 1 and");
    assertHas(problems, "s.yaml:4:3", "cluster.fabrik", "unknown key", "did you mean 'fabric'");
    assertHas(problems, "s.yaml:6:11", "site.region", "did you mean 'us-texas'");
    assertHas(problems, "s.yaml:8:8", "site.pue", ">= 1");
    assertHas(problems, "s.yaml:10:16", "finance.utilization", "<= 1");
    assertEquals(6, problems.size(), problems.toString());
  }

  @Test
  void refusesImpossibleValues() {
    assertHas(problems("cluster: {accelerator: nvidia-t4, count: 0}\n"), "cluster.count");
    assertHas(problems("cluster: {accelerator: nvidia-t4, count: 2.5}\n"), "whole number");
    assertHas(
        problems("cluster: {accelerator: nvidia-t4, count: 8}\nfinance: {horizonYears: 0}\n"),
        "finance.horizonYears",
        "> 0");
    assertHas(
        problems("cluster: {accelerator: nvidia-t4, count: 8, fabric: {oversubscription: 0.5}}\n"),
        "oversubscription",
        ">= 1");
    assertHas(
        problems("cluster: {accelerator: nvidia-t4, count: lots}\n"),
        "must be a number, got 'lots'");
    // A model serves at least the context it was pretrained on.
    assertHas(
        problems(
            """
            cluster: {accelerator: nvidia-h100-sxm-80gb, count: 8}
            workload:
              inference:
                model: {parameters: 1e9, layers: 16, hiddenSize: 2048, attentionHeads: 16,
                        sequenceLength: 4096, vocabularySize: 32000, contextTokens: 2048}
            """),
        "workload.inference.model.contextTokens",
        "shorter than sequenceLength (4096)");
  }

  @Test
  void checksWordsAgainstTheirClosedSets() {
    assertHas(
        problems("cluster: {accelerator: nvidia-t4, count: 8, fabric: {topology: fat-tre}}\n"),
        "allowed: fat-tree, rail-optimized, dragonfly",
        "did you mean 'fat-tree'");
    assertHas(
        problems("cluster: {accelerator: nvidia-t4, count: 8}\nsite: {cooling: liquid}\n"),
        "unknown cooling type 'liquid'");
    assertHas(
        problems("cluster: {accelerator: nvidia-t4, count: 8}\nsite: {cooling: atuo}\n"),
        "unknown cooling type 'atuo'",
        "did you mean 'auto'");
    assertHas(
        problems("cluster: {accelerator: nvidia-t4, count: 8}\nfinance: {facility: rent}\n"),
        "allowed: build, lease");
  }

  @Test
  void theExpertDegreeIsCheckedAgainstTheModel() {
    String dense =
        """
        cluster: {accelerator: nvidia-h100-sxm-80gb, count: 64}
        workload:
          training:
            model: llama3-8b
            tokens: 1e12
            parallelism: {tensor: 1, expert: 8}
        """;
    assertHas(
        problems(dense),
        "s.yaml:6:",
        "workload.training.parallelism.expert",
        "'llama3-8b' is dense (no experts)");
    String moe =
        """
        cluster: {accelerator: nvidia-h100-sxm-80gb, count: 64}
        workload:
          training:
            model: qwen3-30b-a3b
            tokens: 1e12
            parallelism: {expert: 3}
        """;
    assertHas(
        problems(moe),
        "s.yaml:6:",
        "workload.training.parallelism.expert",
        "must divide the 128 experts of 'qwen3-30b-a3b', got 3");
    ScenarioReader.read("s.yaml", moe.replace("expert: 3", "expert: 8"), catalog);
    ScenarioReader.read("s.yaml", dense.replace("expert: 8", "expert: 1"), catalog);
  }

  @Test
  void aServerMustHoldTheAccelerator() {
    assertHas(
        problems("cluster: {accelerator: nvidia-h100-sxm-80gb, count: 8, server: dgx-a100}\n"),
        "cluster.server",
        "holds 'nvidia-a100-80gb'",
        "dgx-h100");
  }

  @Test
  void aTrainingRunNeedsItsDurationOrAModelToPredictIt() {
    assertHas(
        problems("cluster: {accelerator: nvidia-t4, count: 8}\nworkload: {training: {}}\n"),
        "workload.training.durationDays",
        "required");
    assertHas(
        problems("cluster: {accelerator: nvidia-t4, count: 8}\nworkload: {training: {model: x}}\n"),
        "workload.training.model",
        "not a catalog model");
    assertHas(
        problems(
            "cluster: {accelerator: nvidia-t4, count: 8}\n"
                + "workload: {training: {model: gpt3-175bb, tokens: 1e9}}\n"),
        "did you mean 'gpt3-175b'");
    assertHas(
        problems(
            "cluster: {accelerator: nvidia-t4, count: 8}\n"
                + "workload: {training: {model: gpt3-175b}}\n"),
        "workload.training.tokens",
        "required");
    assertHas(
        problems(
            "cluster: {accelerator: nvidia-t4, count: 8}\n"
                + "workload: {training: {model: gpt3-175b, tokens: 1e9,"
                + " pipelineSchedule: zero-bubble, parallelism: {interleave: 2}}}\n"),
        ":2:",
        "workload.training.pipelineSchedule",
        "zero-bubble is not interleaved");
    assertHas(
        problems(
            "cluster: {accelerator: nvidia-t4, count: 8}\n"
                + "workload: {training: {model: gpt3-175b, tokens: 1e9,"
                + " pipelineSchedule: zerobubble}}\n"),
        "did you mean 'zero-bubble'");
  }

  @Test
  void missingClusterAndBadYamlAreReported() {
    assertHas(problems("site: {region: iceland}\n"), "cluster", "required");
    assertHas(problems("cluster: [\n"), "not valid YAML");
    assertHas(problems(""), "empty");
    assertHas(problems("- a\n- b\n"), "mapping");
    assertHas(
        problems("cluster: {accelerator: nvidia-t4, count: 8}\ncluster: {count: 9}\n"),
        "duplicate key");
  }

  private static final String SERVING =
      """
      name: serving
      cluster:
        accelerator: nvidia-h100-sxm-80gb
      workload:
        inference:
          model: llama3-70b
          tokensPerDay: DEMAND
      """;

  @Test
  void aServingDemandIsAnyPositiveNumberUpToItsBound() throws Exception {
    // Half a token a day on average is a demand, if a small one.
    for (String demand : List.of("0.5", "1e-9", "2", "1e16")) {
      Scenario s =
          ScenarioReader.read("s.yaml", SERVING.replace("DEMAND", demand), catalog).scenario();
      assertEquals(
          Double.parseDouble(demand),
          s.inference().orElseThrow().tokensPerDay().getAsDouble(),
          demand);
    }
  }

  @Test
  void aDemandOutOfRangeIsItsOwnProblemAndNotAMissingCount() {
    for (String demand : List.of("0", "-1", "2e16")) {
      List<String> problems = problems(SERVING.replace("DEMAND", demand));
      assertEquals(1, problems.size(), problems.toString());
      assertHas(problems, "s.yaml:7:", "workload.inference.tokensPerDay: must be > 0");
    }
    List<String> rps = problems(SERVING.replace("tokensPerDay: DEMAND", "requestsPerSecond: 0"));
    assertEquals(1, rps.size(), rps.toString());
    assertHas(rps, "workload.inference.requestsPerSecond: must be > 0");
    // Without any workload the count is still missing.
    assertHas(
        problems("cluster:\n  accelerator: nvidia-h100-sxm-80gb\n"), "cluster.count: required");
  }

  @Test
  void theClusterCountBoundIsTheOneTheReferenceStates() throws Exception {
    String doc =
        java.nio.file.Files.readString(java.nio.file.Path.of("../docs/reference/scenario.md"));
    java.util.regex.Matcher row =
        java.util.regex.Pattern.compile(
                "\\| `cluster.count` \\|[^|]*\\|[^|]*\\| whole number, 1 ≤ x ≤ ([0-9,]+) \\|")
            .matcher(doc);
    assertTrue(row.find(), "the reference's cluster.count row states its bound");
    int bound = Integer.parseInt(row.group(1).replace(",", ""));
    String yaml = "cluster:\n  accelerator: nvidia-h100-sxm-80gb\n  count: COUNT\n";
    assertEquals(
        bound,
        ScenarioReader.read("s.yaml", yaml.replace("COUNT", Integer.toString(bound)), catalog)
            .scenario()
            .cluster()
            .acceleratorCount());
    assertHas(
        problems(yaml.replace("COUNT", Integer.toString(bound + 1))),
        "cluster.count: must be between 1 and " + bound);
  }
}
