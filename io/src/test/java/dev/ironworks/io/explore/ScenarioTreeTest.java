package dev.ironworks.io.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.yaml.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A design read from nodes built from the tree is the design read from the tree's YAML text. */
class ScenarioTreeTest {
  private static final Catalog CATALOG = CatalogLoader.builtin();

  /** Returns how many designs read without problems. */
  private static int sameEitherWay(SweepSpec spec) {
    int read = 0;
    Map<String, Object> base = ScenarioTree.parse(spec.baseText());
    List<String> paths = spec.space().axes().stream().map(a -> a.path()).toList();
    for (long id = 0; id < spec.space().size(); id++) {
      Map<String, Object> tree = ScenarioTree.with(base, paths, spec.space().point(id));
      Scenario fromText = null;
      String textError = null;
      try {
        fromText = ScenarioReader.read("p", ScenarioTree.dump(tree), CATALOG).scenario();
      } catch (InputException e) {
        textError = e.problems().get(0).message();
      }
      Scenario fromNodes = null;
      String nodeError = null;
      try {
        fromNodes = ScenarioReader.read("p", ScenarioTree.node(tree), CATALOG).scenario();
      } catch (InputException e) {
        nodeError = e.problems().get(0).message();
      }
      assertEquals(fromText, fromNodes, "design " + id);
      assertEquals(textError, nodeError, "design " + id);
      read += fromText != null ? 1 : 0;
    }
    return read;
  }

  @Test
  void exampleSpacesReadTheSameFromNodes() {
    assertEquals(
        32,
        sameEitherWay(
            SweepReader.read(Path.of("../examples/spaces/h100-vs-b200-sites.yaml"), CATALOG)));
  }

  @Test
  void everyKindOfValueReadsTheSameFromNodes(@TempDir Path dir) throws IOException {
    Files.copy(Path.of("../examples/spaces/gpt3-training-base.yaml"), dir.resolve("base.yaml"));
    Files.writeString(
        dir.resolve("space.yaml"),
        """
        base: base.yaml
        axes:
          cluster.accelerator: [nvidia-h100-sxm-80gb, amd-mi300x, google-tpu-v5p]
          cluster.count: [512, 4096]
          site.cooling: [air, immersion]
          finance.utilization: [0.5, 0.95]
          workload.training.tokens: [1e12, 300e9, 2000000000000]
          workload.training.parallelism: [auto, "{tensor: 8, pipeline: 8}"]
          cluster.fabric: ["{kind: infiniband-ndr, topology: fat-tree, oversubscription: 2}"]
        objectives: [cost.tcoUsd]
        """);
    // 3 × 2 × 2 × 2 × 3 × 2 = 144 designs, all readable (planning may still refuse some).
    assertEquals(144, sameEitherWay(SweepReader.read(dir.resolve("space.yaml"), CATALOG)));
  }
}
