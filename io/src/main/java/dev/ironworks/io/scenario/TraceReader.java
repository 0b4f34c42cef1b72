package dev.ironworks.io.scenario;

import dev.ironworks.core.sim.RequestTrace;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a request trace for {@code ironworks simulate --trace}: CSV with the header {@code
 * arrivalSeconds,promptTokens,outputTokens} and one request a line, arrival times non-decreasing.
 * Every bad line is reported at once, with its line and column.
 */
public final class TraceReader {
  /** The header a trace starts with. */
  public static final String HEADER = "arrivalSeconds,promptTokens,outputTokens";

  /** The most requests a trace may hold. */
  public static final int MAX_REQUESTS = 10_000_000;

  private TraceReader() {}

  /** Reads a trace file. */
  public static RequestTrace read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(
          List.of(new Problem(file.toString(), 0, 0, "", "cannot read: " + e.getMessage())));
    }
    return parse(file.toString(), text);
  }

  /** Parses a trace's text; {@code name} labels problems. */
  public static RequestTrace parse(String name, String text) {
    List<Problem> problems = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    if (lines.length == 0 || !lines[0].strip().equals(HEADER)) {
      problems.add(new Problem(name, 1, 1, "", "the first line must be the header " + HEADER));
      throw new InputException(problems);
    }
    List<double[]> rows = new ArrayList<>();
    double previous = 0;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] cells = lines[i].split(",", -1);
      if (cells.length != 3) {
        problems.add(
            new Problem(
                name, i + 1, 1, "", "expected 3 values (" + HEADER + "), found " + cells.length));
        continue;
      }
      double arrival = number(name, i + 1, cells, 0, problems);
      double prompt = number(name, i + 1, cells, 1, problems);
      double output = number(name, i + 1, cells, 2, problems);
      if (Double.isNaN(arrival) || Double.isNaN(prompt) || Double.isNaN(output)) {
        continue;
      }
      int column = lines[i].indexOf(cells[0]) + 1;
      if (arrival < 0 || arrival < previous) {
        problems.add(
            new Problem(
                name,
                i + 1,
                column,
                "arrivalSeconds",
                String.format(
                    Locale.ROOT,
                    "must be >= 0 and not before the line above (%s), got %s",
                    previous,
                    cells[0].strip())));
        continue;
      }
      if (!whole(prompt) || !whole(output) || prompt < 1 || output < 1) {
        problems.add(
            new Problem(name, i + 1, 0, "promptTokens/outputTokens", "must be whole numbers >= 1"));
        continue;
      }
      previous = arrival;
      rows.add(new double[] {arrival, prompt, output});
      if (rows.size() > MAX_REQUESTS) {
        problems.add(
            new Problem(name, i + 1, 0, "", "a trace holds at most " + MAX_REQUESTS + " requests"));
        break;
      }
    }
    if (rows.isEmpty() && problems.isEmpty()) {
      problems.add(new Problem(name, 2, 0, "", "no requests after the header"));
    }
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    double[] arrivals = new double[rows.size()];
    int[] prompts = new int[rows.size()];
    int[] outputs = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      arrivals[i] = rows.get(i)[0];
      prompts[i] = (int) rows.get(i)[1];
      outputs[i] = (int) rows.get(i)[2];
    }
    return new RequestTrace(arrivals, prompts, outputs);
  }

  private static boolean whole(double v) {
    return v == Math.rint(v) && v <= Integer.MAX_VALUE / 4;
  }

  private static double number(
      String name, int line, String[] cells, int index, List<Problem> problems) {
    String cell = cells[index].strip();
    try {
      double v = Double.parseDouble(cell);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    String[] fields = HEADER.split(",");
    problems.add(new Problem(name, line, 0, fields[index], "not a number: '" + cell + "'"));
    return Double.NaN;
  }
}
