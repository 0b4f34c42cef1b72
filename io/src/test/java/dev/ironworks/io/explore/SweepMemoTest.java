package dev.ironworks.io.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.compute.ParallelismSearch;
import dev.ironworks.core.compute.SearchMemo;
import dev.ironworks.core.compute.TrainingContext;
import dev.ironworks.core.scenario.ParallelismSpec;
import dev.ironworks.io.catalog.CatalogLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Remembered parallelism searches change no figure, and are shared across regions. */
class SweepMemoTest {
  @Test
  void rememberedSearchesGiveTheSameRowsAndRunOncePerTrainingShape() {
    Catalog catalog = CatalogLoader.builtin();
    SweepSpec spec =
        SweepReader.read(Path.of("../examples/spaces/h100-vs-b200-sites.yaml"), catalog);
    Map<String, Object> base = ScenarioTree.parse(spec.baseText());
    AtomicInteger searches = new AtomicInteger();
    SearchMemo memo = new SearchMemo();
    ParallelismSearch.Searcher counted =
        (TrainingContext ctx, ParallelismSpec p) -> {
          searches.incrementAndGet();
          return ParallelismSearch.search(ctx, p);
        };
    long size = spec.space().size();
    for (long id = 0; id < size; id++) {
      SweepRow direct = Sweep.evaluate(spec, catalog, id, base, counted);
      SweepRow remembered = Sweep.evaluate(spec, catalog, id, base, memo);
      assertEquals(direct, remembered, "design " + id);
    }
    assertEquals(size, searches.get());
    // 2 accelerators × 4 counts share their searches across the 4 regions: 8 distinct searches.
    AtomicInteger misses = new AtomicInteger();
    SearchMemo counting =
        new SearchMemo(
            SearchMemo.DEFAULT_CAPACITY,
            (ctx, p) -> {
              misses.incrementAndGet();
              return ParallelismSearch.search(ctx, p);
            });
    for (long id = 0; id < size; id++) {
      Sweep.evaluate(spec, catalog, id, base, counting);
    }
    assertEquals(8, misses.get());
  }
}
