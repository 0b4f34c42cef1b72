package dev.ironworks.core.plan;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.RandomAccess;

/**
 * A plan's notes as the planner finds them: plain text, or text formatted only when it is first
 * read. A sweep plans millions of designs and reads none of their notes; formatting numbers into
 * text was a tenth of its time. The list {@link #list()} returns is immutable and equal to the list
 * of the notes' texts.
 */
final class Notes {
  private final List<Object> items = new ArrayList<>();

  void add(String text) {
    items.add(text);
  }

  /** A note that reads as {@code String.format(Locale.ROOT, format, args)}. */
  void format(String format, Object... args) {
    items.add(new Deferred(format, args.clone()));
  }

  List<String> list() {
    return new Texts(items.toArray());
  }

  private record Deferred(String format, Object[] args) {
    String text() {
      return String.format(Locale.ROOT, format, args);
    }
  }

  /** The notes' texts; a deferred one is formatted when first read, then kept. */
  static final class Texts extends AbstractList<String> implements RandomAccess {
    private final Object[] items;

    private Texts(Object[] items) {
      this.items = items;
    }

    @Override
    public String get(int index) {
      Object item = items[index];
      if (item instanceof String text) {
        return text;
      }
      // Formatting is a pure function of the note, so two threads racing here store equal texts.
      String text = ((Deferred) item).text();
      items[index] = text;
      return text;
    }

    @Override
    public int size() {
      return items.length;
    }
  }
}
