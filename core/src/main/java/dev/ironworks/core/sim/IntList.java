package dev.ironworks.core.sim;

import java.util.Arrays;
import java.util.function.IntPredicate;

/** A growable list of ints, without boxing (the serving simulator's request lists). */
final class IntList {
  private int[] values = new int[16];
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int get(int i) {
    return values[i];
  }

  void add(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  void set(int i, int value) {
    values[i] = value;
  }

  /** Keeps the first {@code newSize} values. */
  void truncate(int newSize) {
    size = newSize;
  }

  int removeLast() {
    return values[--size];
  }

  /** Removes the first occurrence of {@code value}, keeping the order of the rest. */
  void removeValue(int value) {
    for (int i = 0; i < size; i++) {
      if (values[i] == value) {
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        return;
      }
    }
  }

  /** Keeps the values {@code keep} accepts, in order. */
  void retain(IntPredicate keep) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (keep.test(values[i])) {
        values[kept++] = values[i];
      }
    }
    size = kept;
  }
}
