package dev.ironworks.io.yaml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects problems while a file is read, so that all of them are reported at once. */
public final class Problems {
  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, Mark> positions = new HashMap<>();
  private final Optional<KeyLog> keys;

  public Problems(String file) {
    this(file, Optional.empty());
  }

  /** Problems of a read that also logs every key the reader asks for in {@code keys}. */
  public Problems(String file, KeyLog keys) {
    this(file, Optional.of(keys));
  }

  private Problems(String file, Optional<KeyLog> keys) {
    this.file = file;
    this.keys = keys;
  }

  public String file() {
    return file;
  }

  public void add(Node node, String field, String message) {
    Mark mark = node == null ? null : node.getStartMark();
    add(mark, field, message);
  }

  public void add(Mark mark, String field, String message) {
    int line = mark == null ? 0 : mark.getLine() + 1;
    int column = mark == null ? 0 : mark.getColumn() + 1;
    problems.add(new Problem(file, line, column, field, message));
  }

  /** Logs that the reader asked for a field, when this read keeps a {@link KeyLog}. */
  void asked(String field, Supplier<ValueSpec> spec) {
    keys.ifPresent(log -> log.add(field, spec.get()));
  }

  public void addAll(List<Problem> more) {
    problems.addAll(more);
  }

  /** Remembers where a field was read, to place later problems (from the planner) on it. */
  public void position(String field, Mark mark) {
    positions.putIfAbsent(field, mark);
  }

  /** The problem for a field found after reading, placed at the field, else its parents. */
  public Problem at(String field, String message) {
    String path = field;
    while (!path.isEmpty()) {
      Mark mark = positions.get(path);
      if (mark != null) {
        return new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, field, message);
      }
      int dot = path.lastIndexOf('.');
      path = dot < 0 ? "" : path.substring(0, dot);
    }
    return new Problem(file, 0, 0, field, message);
  }

  public Optional<Mark> position(String field) {
    return Optional.ofNullable(positions.get(field));
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(problems);
  }

  /** Throws an {@link InputException} holding every problem, if there is any. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
  }
}
