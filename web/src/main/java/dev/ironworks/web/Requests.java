package dev.ironworks.web;

import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Utf8;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/** What every route reads from a request the same way: the body and whole-number parameters. */
final class Requests {
  private Requests() {}

  /** How much of an over-limit body is read and dropped before the 413 goes back. */
  static final long DRAIN_BYTES = 8L << 20;

  /**
   * The body as text, refused past the size limit whatever the Content-Length says, and refused
   * when it is not UTF-8 (as the command line refuses such a file).
   */
  static String body(Context ctx, Limits limits) {
    try {
      var in = ctx.req().getInputStream();
      byte[] bytes = in.readNBytes(limits.maxBodyBytes() + 1);
      if (bytes.length > limits.maxBodyBytes()) {
        // Read on (a bounded amount) so the client, still sending, gets the 413 instead of a
        // connection reset.
        drain(in, DRAIN_BYTES);
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

  private static void drain(InputStream in, long atMostBytes) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = atMostBytes;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        return;
      }
      left -= n;
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
