package dev.ironworks.web;

import dev.ironworks.io.render.JsonRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives itself, before a request reaches the API (a URI that does not parse or
 * climbs above the root, a request line or headers past Jetty's size limits), in the API's error
 * shape: {@code {errors: [{path, line, column, message}]}} as JSON, whatever the request accepts,
 * never an HTML page or a stack trace. One handler sits on the server, one on the servlet context.
 */
final class JettyErrors {
  private static final List<Charset> UTF_8 = List.of(StandardCharsets.UTF_8);

  private JettyErrors() {}

  /** For errors Jetty's server answers, such as a request it cannot parse. */
  static final class ServerHandler extends org.eclipse.jetty.server.handler.ErrorHandler {
    ServerHandler() {
      setShowStacks(false);
      setShowCauses(false);
    }

    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback)
        throws IOException {
      if (!generateAcceptableResponse(
          request, response, callback, "application/json", UTF_8, code, message, cause)) {
        callback.succeeded();
      }
    }

    @Override
    protected void writeErrorJson(
        Request request, PrintWriter writer, int code, String message, Throwable cause) {
      writer.write(body(code, message, cause));
    }
  }

  /** For errors answered inside the servlet context that Javalin runs in. */
  static final class ContextHandler extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
    ContextHandler() {
      setShowStacks(false);
      setShowCauses(false);
      setShowOrigin(false);
    }

    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback)
        throws IOException {
      if (!generateAcceptableResponse(
          request, response, callback, "application/json", UTF_8, code, message, cause)) {
        callback.succeeded();
      }
    }

    @Override
    protected void writeErrorJson(
        Request request, PrintWriter writer, int code, String message, Throwable cause) {
      writer.write(body(code, message, cause));
    }
  }

  /** The error body for a status Jetty chose; never an exception's text. */
  static String body(int code, String message, Throwable cause) {
    String text =
        switch (code) {
          case 400 ->
              "the request is malformed: its request line or a header does not parse (a path"
                  + " that climbs above the root or holds an encoded control character is"
                  + " refused)";
          case 414 ->
              "the request line is longer than the "
                  + WebServer.MAX_HEADER_BYTES
                  + " bytes the server accepts";
          case 431 ->
              "the request headers are larger than the "
                  + WebServer.MAX_HEADER_BYTES
                  + " bytes the server accepts";
          default -> code + " " + HttpStatus.getMessage(code);
        };
    return JsonRenderer.render(Json.errors(List.of(WebServer.problem("", text))));
  }
}
