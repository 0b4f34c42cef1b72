package dev.ironworks.io.render;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/reference/plan-output.md is the registry of plan figures written out: -Dgolden.update=true
 * rewrites it after a figure is added or changed.
 */
class PlanOutputReferenceTest {
  @Test
  void theReferenceIsTheRegistryWrittenOut() {
    Golden.assertMatches(
        Path.of("../docs/reference/plan-output.md"), PlanOutputReference.markdown());
  }
}
