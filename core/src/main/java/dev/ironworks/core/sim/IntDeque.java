package dev.ironworks.core.sim;

/** A double-ended queue of ints on a growable ring (the serving simulator's waiting queues). */
final class IntDeque {
  private int[] values = new int[16];
  private int head;
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int peekFirst() {
    if (size == 0) {
      throw new IllegalStateException("empty");
    }
    return values[head];
  }

  int pollFirst() {
    int value = peekFirst();
    head = (head + 1) & (values.length - 1);
    size--;
    return value;
  }

  void addLast(int value) {
    grow();
    values[(head + size) & (values.length - 1)] = value;
    size++;
  }

  void addFirst(int value) {
    grow();
    head = (head - 1) & (values.length - 1);
    values[head] = value;
    size++;
  }

  private void grow() {
    if (size < values.length) {
      return;
    }
    int[] bigger = new int[values.length * 2];
    for (int i = 0; i < size; i++) {
      bigger[i] = values[(head + i) & (values.length - 1)];
    }
    values = bigger;
    head = 0;
  }
}
