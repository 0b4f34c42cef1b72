package dev.ironworks.web;

import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Utf8;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.function.Function;

/** What every route reads from a request the same way: the body and whole-number parameters. */
final class Requests {
  private Requests() {}

  /**
   * The body as text, refused past the size limit whatever the Content-Length says, and refused
   * when it is not UTF-8 (as the command line refuses such a file).
   */
  static String body(Context ctx, Limits limits) {
    try {
      byte[] bytes = ctx.req().getInputStream().readNBytes(limits.maxBodyBytes() + 1);
      if (bytes.length > limits.maxBodyBytes()) {
        throw ApiException.of(
            413, "", "the body is larger than the limit of " + limits.maxBodyBytes() + " bytes");
      }
      return Utf8.decode(bytes, "request");
    } catch (InputException e) {
      throw new ApiException(400, e.problems());
    } catch (IOException e) {
      throw ApiException.of(400, "", "the body could not be read: " + e.getMessage());
    }
  }

  /** A whole-number query parameter, {@code fallback} when absent or blank. */
  static int intParam(Context ctx, String name, int fallback) {
    return param(ctx, name, fallback, Integer::parseInt);
  }

  /** A whole-number query parameter, {@code fallback} when absent or blank. */
  static long longParam(Context ctx, String name, long fallback) {
    return param(ctx, name, fallback, Long::parseLong);
  }

  private static <T> T param(Context ctx, String name, T fallback, Function<String, T> parse) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return parse.apply(v.strip());
    } catch (NumberFormatException e) {
      throw ApiException.of(400, name, "must be a whole number, got '" + v + "'");
    }
  }
}
