package dev.ironworks.core.sim;

import java.util.Arrays;

/** A binary min-heap of longs, without boxing (the serving simulator's finishing steps). */
final class LongHeap {
  private long[] values = new long[16];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  long peek() {
    if (size == 0) {
      throw new IllegalStateException("empty");
    }
    return values[0];
  }

  void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (values[parent] <= value) {
        break;
      }
      values[i] = values[parent];
      i = parent;
    }
    values[i] = value;
  }

  long poll() {
    long top = peek();
    long last = values[--size];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && values[child + 1] < values[child]) {
        child++;
      }
      if (values[child] >= last) {
        break;
      }
      values[i] = values[child];
      i = child;
    }
    if (size > 0) {
      values[i] = last;
    }
    return top;
  }
}
