package dev.ironworks.web;

import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.yaml.Problem;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes JSON responses: view trees through {@link JsonRenderer}, errors in one shape. */
final class Json {
  private Json() {}

  static void send(Context ctx, int status, Object tree) {
    sendRaw(ctx, status, JsonRenderer.render(tree));
  }

  static void sendRaw(Context ctx, int status, String json) {
    ctx.status(status).contentType("application/json; charset=utf-8").result(json);
  }

  /**
   * A tree with one more member whose value is JSON text already rendered (a stored result), so
   * that it need not be parsed to be sent again.
   */
  static String withRaw(Map<String, Object> tree, String key, String rawJson) {
    String head = JsonRenderer.render(tree).stripTrailing();
    String body = head.substring(0, head.length() - 1).stripTrailing();
    String separator = body.endsWith("{") ? "\n" : ",\n";
    return body
        + separator
        + "  "
        + JsonRenderer.render(key).strip()
        + " : "
        + rawJson.strip()
        + "\n}\n";
  }

  /** {@code {errors: [{path, line, column, message}]}}. */
  static Map<String, Object> errors(List<Problem> problems) {
    List<Object> list = new ArrayList<>();
    for (Problem p : problems) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", p.field());
      m.put("line", (long) p.line());
      m.put("column", (long) p.column());
      m.put("message", p.message());
      list.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("errors", list);
    return root;
  }
}
