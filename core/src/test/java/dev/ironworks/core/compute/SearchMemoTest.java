package dev.ironworks.core.compute;

import static dev.ironworks.core.compute.TrainingFixtures.A100;
import static dev.ironworks.core.compute.TrainingFixtures.context;
import static dev.ironworks.core.compute.TrainingFixtures.gpt3Small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ironworks.core.scenario.ParallelismSpec;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The memo of parallelism searches: the same results, each search run once, memory bounded. */
class SearchMemoTest {
  @Test
  void aRememberedSearchIsTheSearchRunOnce() {
    AtomicInteger runs = new AtomicInteger();
    SearchMemo memo =
        new SearchMemo(
            SearchMemo.DEFAULT_CAPACITY,
            (ctx, spec) -> {
              runs.incrementAndGet();
              return ParallelismSearch.search(ctx, spec);
            });
    TrainingContext ctx = context(gpt3Small(), 256, 16, A100);
    ParallelismSearch.Result first = memo.search(ctx, ParallelismSpec.auto());
    assertEquals(ParallelismSearch.search(ctx, ParallelismSpec.auto()), first);
    assertSame(first, memo.search(ctx, ParallelismSpec.auto()));
    assertEquals(1, runs.get());
  }

  @Test
  void holdsNoMoreThanItsCapacity() {
    // Three distinct searches through a memo of two: the third starts it afresh.
    SearchMemo memo = new SearchMemo(2);
    for (int count : new int[] {64, 128, 256}) {
      memo.search(context(gpt3Small(), count, 16, A100), ParallelismSpec.auto());
    }
    assertEquals(1, memo.size());
  }
}
