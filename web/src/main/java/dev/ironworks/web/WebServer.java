package dev.ironworks.web;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.render.Report;
import dev.ironworks.io.render.RoadmapReport;
import dev.ironworks.io.store.ScenarioStore;
import dev.ironworks.io.yaml.Excerpt;
import dev.ironworks.io.yaml.Problem;
import dev.ironworks.io.yaml.TextFiles;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ironworks server: the REST API (docs/reference/api.md) and the web UI, over the same calls
 * the command line makes, with scenarios, plans and runs kept in a {@link ScenarioStore}.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

  /** The largest request line, and the largest request headers, the server reads. */
  static final int MAX_HEADER_BYTES = 8 * 1024;

  /** Where the UI's static files are on the classpath. */
  static final String UI = "/dev/ironworks/web/ui";

  private final Javalin app;
  private final ScenarioStore store;
  private final Jobs jobs;
  private final List<String> routes = new CopyOnWriteArrayList<>();
  private final String host;

  /**
   * Starts a server.
   *
   * @param host the address to bind (127.0.0.1 keeps it to this machine)
   * @param port the port, 0 for any free one
   * @param dataDir where the store lives; created and seeded with the examples on first start
   */
  public static WebServer start(String host, int port, Path dataDir, Limits limits) {
    return start(host, port, dataDir, limits, List.of());
  }

  /**
   * Starts a server that also answers to the host names in {@code allowedHosts} (see {@link
   * AllowedHosts}).
   *
   * @throws IllegalArgumentException when an allowed host is not a host name or an address
   */
  public static WebServer start(
      String host, int port, Path dataDir, Limits limits, List<String> allowedHosts) {
    AllowedHosts allowed = AllowedHosts.of(host, allowedHosts);
    ScenarioStore store = ScenarioStore.open(dataDir);
    try {
      if (!store.seeded()) {
        List<ScenarioStore.Seed> seeds = new ArrayList<>();
        for (Examples.Example e : Examples.all()) {
          if (e.kind().equals("scenario")) {
            seeds.add(new ScenarioStore.Seed(e.id(), nameOf(e.id(), e.yaml()), e.yaml()));
          }
        }
        store.seed(seeds);
      }
      return new WebServer(host, port, store, CatalogLoader.builtin(), limits, allowed);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Starts a server over a store already open. */
  static WebServer start(
      String host, int port, ScenarioStore store, Catalog catalog, Limits limits) {
    return new WebServer(host, port, store, catalog, limits, AllowedHosts.of(host, List.of()));
  }

  private static String nameOf(String id, String yaml) {
    return yaml.lines()
        .filter(l -> l.startsWith("name:"))
        .map(l -> l.substring(5).strip().replaceAll("^[\"']|[\"']$", ""))
        .findFirst()
        .orElse(id);
  }

  private WebServer(
      String host,
      int port,
      ScenarioStore store,
      Catalog catalog,
      Limits limits,
      AllowedHosts allowedHosts) {
    this.store = store;
    this.host = host;
    this.jobs = new Jobs(store, catalog, limits);
    Planning planning = new Planning(catalog, limits);
    List<Routes> api =
        List.of(
            new PlanRoutes(store, planning, limits),
            new SweepRoutes(store, planning, jobs, limits),
            new ScenarioRoutes(store, planning, limits),
            new CatalogRoutes(catalog),
            new SchemaApi(catalog));
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.maxRequestSize = limits.maxBodyBytes();
              config.http.prefer405over404 = true;
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = UI;
                    files.location = Location.CLASSPATH;
                  });
              config.events.handlerAdded(
                  meta -> routes.add(meta.getHttpMethod() + " " + meta.getPath()));
              // What Jetty answers itself (a URI that does not parse, headers too large) is JSON.
              config.jetty.modifyHttpConfiguration(
                  http -> http.setRequestHeaderSize(MAX_HEADER_BYTES));
              config.jetty.modifyServer(
                  server -> server.setErrorHandler(new JettyErrors.ServerHandler()));
              config.jetty.modifyServletContextHandler(
                  context -> context.setErrorHandler(new JettyErrors.ContextHandler()));
              RoutesConfig r = config.routes;
              // Every request, static files included, names a host this server answers to.
              r.before(ctx -> hostAllowed(ctx, allowedHosts));
              // The same scripts the HTML reports inline.
              r.get("/assets/echarts.min.js", ctx -> script(ctx, Report.ECHARTS_RESOURCE));
              r.get("/assets/ironworks-charts.js", ctx -> script(ctx, Report.CHARTS_RESOURCE));
              r.get(
                  "/assets/ironworks-roadmap-charts.js",
                  ctx -> script(ctx, RoadmapReport.CHARTS_RESOURCE));
              r.before("/api/*", WebServer::sameOrigin);
              api.forEach(group -> group.register(r));
              r.get("/api/openapi.json", ctx -> Json.sendRaw(ctx, 200, OPENAPI));
              r.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.problems()));
              r.exception(
                  HttpResponseException.class,
                  (e, ctx) ->
                      error(
                          ctx,
                          e.getStatus(),
                          List.of(
                              problem(
                                  "",
                                  switch (e.getStatus()) {
                                    case 404 ->
                                        "no endpoint "
                                            + ctx.method()
                                            + " "
                                            + ctx.path()
                                            + "; see /api/openapi.json";
                                    case 405 ->
                                        "method "
                                            + ctx.method()
                                            + " not allowed on "
                                            + ctx.path()
                                            + "; see /api/openapi.json";
                                    default -> e.getMessage();
                                  }))));
              r.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error(
                        "{} {} failed", ctx.method(), Excerpt.of(ctx.path()), LoggedError.of(e));
                    error(
                        ctx,
                        500,
                        List.of(
                            problem(
                                "",
                                "internal error ("
                                    + e.getClass().getSimpleName()
                                    + "); the server log has the details")));
                  });
            });
    app.start(host, port);
  }

  private static final String OPENAPI = resource("dev/ironworks/web/openapi.json");

  /**
   * Refuses a request whose Host header names a host this server does not answer to: after DNS
   * rebinding, a page of another site reaches this server under that site's name, with an Origin
   * that matches its Host; its name is not among the allowed ones.
   */
  private static void hostAllowed(Context ctx, AllowedHosts allowed) {
    String hostHeader = ctx.header("Host");
    if (!allowed.allows(hostHeader)) {
      String name = hostHeader == null ? "" : AllowedHosts.nameOf(hostHeader).orElse("");
      throw ApiException.of(
          403,
          "",
          (hostHeader == null ? "a request without a Host header" : "Host '" + hostHeader + "'")
              + " is refused: this server answers to "
              + String.join(", ", allowed.names())
              + (name.isEmpty()
                  ? ""
                  : "; to serve it as " + name + ", start it with --allowed-host " + name));
    }
  }

  /**
   * Refuses requests a page from another site makes (its Origin differs from the Host it was sent
   * to): a page elsewhere cannot save, delete or start sweeps through a browser on this machine.
   * Requests without an Origin (curl, scripts, same-origin GETs) pass.
   */
  private static void sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || origin.equals("null") && ctx.method().name().equals("GET")) {
      return;
    }
    String host = ctx.header("Host");
    URI uri;
    try {
      uri = URI.create(origin);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    String originHost =
        uri == null || uri.getHost() == null
            ? ""
            : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    if (host == null || !originHost.equalsIgnoreCase(host)) {
      throw ApiException.of(
          403, "", "requests from another site (Origin " + origin + ") are refused");
    }
  }

  static Problem problem(String path, String message) {
    return new Problem("request", 0, 0, path, message);
  }

  private static void error(Context ctx, int status, List<Problem> problems) {
    Json.send(ctx, status, Json.errors(problems));
  }

  private static void script(Context ctx, String resource) {
    InputStream in = WebServer.class.getResourceAsStream(resource);
    if (in == null) {
      throw ApiException.of(404, "", "not on the classpath: " + resource);
    }
    ctx.contentType("text/javascript; charset=utf-8")
        .header("Cache-Control", "max-age=3600")
        .result(in);
  }

  /** A UTF-8 file the server ships on its class path. */
  static String resource(String name) {
    return TextFiles.resource("/" + name)
        .orElseThrow(() -> new IllegalStateException("missing resource " + name));
  }

  public int port() {
    return app.port();
  }

  /** The URL the UI is at. */
  public URI url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    if (h.equals("0.0.0.0")) {
      h = "127.0.0.1";
    }
    return URI.create("http://" + h + ":" + port() + "/");
  }

  public Path storeFile() {
    return store.file();
  }

  /** Every route registered, as "METHOD path". */
  public List<String> routes() {
    return List.copyOf(routes);
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    app.jettyServer().server().join();
  }

  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      try {
        jobs.close();
      } finally {
        store.close();
      }
    }
  }
}
