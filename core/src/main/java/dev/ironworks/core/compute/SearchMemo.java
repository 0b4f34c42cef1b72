package dev.ironworks.core.compute;

import dev.ironworks.core.scenario.ParallelismSpec;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded memo of {@link ParallelismSearch#search}: remembers searches by their arguments, which
 * designs differing only in site, cooling or finance share. The search is a pure function of them,
 * so a remembered result is the result. Holds at most {@code capacity} searches, then starts
 * afresh, so memory stays bounded however many designs a sweep has. Safe to share between threads.
 */
public final class SearchMemo implements ParallelismSearch.Searcher {
  /** Searches a sweep or a server remembers: a few thousand results of a few kilobytes each. */
  public static final int DEFAULT_CAPACITY = 4096;

  private record Key(TrainingContext ctx, ParallelismSpec spec) {}

  private final int capacity;
  private final ParallelismSearch.Searcher inner;
  private final ConcurrentHashMap<Key, ParallelismSearch.Result> results =
      new ConcurrentHashMap<>();

  /** A memo of {@link ParallelismSearch#search} holding {@link #DEFAULT_CAPACITY} searches. */
  public SearchMemo() {
    this(DEFAULT_CAPACITY);
  }

  public SearchMemo(int capacity) {
    this(capacity, ParallelismSearch::search);
  }

  /** Remembers what {@code inner} finds. */
  public SearchMemo(int capacity, ParallelismSearch.Searcher inner) {
    this.capacity = Math.max(1, capacity);
    this.inner = inner;
  }

  @Override
  public ParallelismSearch.Result search(TrainingContext ctx, ParallelismSpec spec) {
    Key key = new Key(ctx, spec);
    ParallelismSearch.Result known = results.get(key);
    if (known != null) {
      return known;
    }
    ParallelismSearch.Result found = inner.search(ctx, spec);
    if (results.size() >= capacity) {
      results.clear();
    }
    results.put(key, found);
    return found;
  }

  /** Searches remembered now (at most the capacity). */
  public int size() {
    return results.size();
  }
}
