package dev.ironworks.web;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.CatalogEntry;
import dev.ironworks.core.catalog.CatalogKind;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.explore.SweepSpec;
import dev.ironworks.io.render.CatalogView;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.render.Report;
import dev.ironworks.io.service.PlanService;
import dev.ironworks.io.store.ScenarioStore;
import dev.ironworks.io.yaml.Excerpt;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import dev.ironworks.io.yaml.Suggest;
import dev.ironworks.io.yaml.Utf8;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    Api api = new Api(store, planning, jobs, limits);
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
              r.before("/api/*", WebServer::sameOrigin);
              api.register(r);
              new SchemaApi(catalog).register(r);
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

  static String resource(String name) {
    try (InputStream in = WebServer.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /** The handlers of /api, thin: read the request, call the model, write JSON. */
  static final class Api {
    private final ScenarioStore store;
    private final Planning planning;
    private final Jobs jobs;
    private final Limits limits;

    Api(ScenarioStore store, Planning planning, Jobs jobs, Limits limits) {
      this.store = store;
      this.planning = planning;
      this.jobs = jobs;
      this.limits = limits;
    }

    void register(RoutesConfig app) {
      app.post("/api/plan", this::plan);
      app.post("/api/simulate", this::simulate);
      app.post("/api/report", this::report);
      app.post("/api/sweep", this::sweep);
      app.get("/api/jobs/{id}", this::job);
      app.delete("/api/jobs/{id}", this::cancel);
      app.get("/api/scenarios", this::listScenarios);
      app.post("/api/scenarios", this::createScenario);
      app.get("/api/scenarios/{id}", this::getScenario);
      app.put("/api/scenarios/{id}", this::updateScenario);
      app.delete("/api/scenarios/{id}", this::deleteScenario);
      app.get("/api/scenarios/{id}/plan", this::planScenario);
      app.get("/api/scenarios/{id}/versions", this::listVersions);
      app.get("/api/scenarios/{id}/versions/{version}", this::getVersion);
      app.get("/api/catalog", this::catalog);
      app.get("/api/catalog/{kind}", this::catalogKind);
      app.get("/api/catalog/{kind}/{id}", this::catalogEntry);
      app.get("/api/examples", this::examples);
    }

    /**
     * The body as text, refused past the size limit whatever the Content-Length says, and refused
     * when it is not UTF-8 (as the command line refuses such a file).
     */
    private String body(Context ctx) {
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

    private static int intParam(Context ctx, String name, int fallback) {
      String v = ctx.queryParam(name);
      if (v == null || v.isBlank()) {
        return fallback;
      }
      try {
        return Integer.parseInt(v.strip());
      } catch (NumberFormatException e) {
        throw ApiException.of(400, name, "must be a whole number, got '" + v + "'");
      }
    }

    private static long longParam(Context ctx, String name, long fallback) {
      String v = ctx.queryParam(name);
      if (v == null || v.isBlank()) {
        return fallback;
      }
      try {
        return Long.parseLong(v.strip());
      } catch (NumberFormatException e) {
        throw ApiException.of(400, name, "must be a whole number, got '" + v + "'");
      }
    }

    private void plan(Context ctx) {
      Json.sendRaw(ctx, 200, planning.planJson(body(ctx)));
    }

    private void simulate(Context ctx) {
      String text = body(ctx);
      int trials = intParam(ctx, "trials", 1000);
      long seed = longParam(ctx, "seed", 1);
      PlanService.Planned planned = planning.plan(text);
      Map<String, Object> view = planning.simulate(planned, trials, seed);
      String json = JsonRenderer.render(view);
      String id = "simulate-" + Long.toHexString(System.nanoTime());
      store.startRun(id, "simulate", text);
      store.finishRun(id, "done", json, null);
      Json.sendRaw(ctx, 200, json);
    }

    private void report(Context ctx) {
      String format = Optional.ofNullable(ctx.queryParam("format")).orElse("html");
      if (!format.equals("html") && !format.equals("markdown")) {
        throw ApiException.of(
            400,
            "format",
            "unknown format '"
                + format
                + "'"
                + Suggest.didYouMean(format, List.of("html", "markdown"))
                + "; allowed: html, markdown");
      }
      String text = body(ctx);
      int trials = intParam(ctx, "trials", 0);
      PlanService.Planned planned = planning.plan(text);
      Map<String, Object> simulation =
          trials > 0 && planned.plan().reliability().isPresent()
              ? planning.simulate(planned, trials, longParam(ctx, "seed", 1))
              : null;
      String title = "Plan: " + planned.name();
      String file = ScenarioStore.slug(planned.name());
      if (format.equals("html")) {
        ctx.contentType("text/html; charset=utf-8")
            .header("Content-Disposition", "attachment; filename=\"" + file + ".html\"")
            .result(Report.html(title, planned.view(), simulation));
      } else {
        ctx.contentType("text/markdown; charset=utf-8")
            .header("Content-Disposition", "attachment; filename=\"" + file + ".md\"")
            .result(Report.markdown(title, planned.view(), simulation));
      }
    }

    private void sweep(Context ctx) {
      String text = body(ctx);
      jobs.checkRoom();
      SweepSpec spec = SweepRequest.read(text, store, planning.catalog(), limits);
      Map<String, Object> status = jobs.submit(spec, text);
      ctx.header("Location", "/api/jobs/" + status.get("id"));
      Json.send(ctx, 202, status);
    }

    private void job(Context ctx) {
      String id = ctx.pathParam("id");
      Json.sendRaw(ctx, 200, jobs.get(id).orElseThrow(() -> noJob(id)));
    }

    private void cancel(Context ctx) {
      String id = ctx.pathParam("id");
      Json.sendRaw(ctx, 202, jobs.cancel(id).orElseThrow(() -> noJob(id)));
    }

    private static ApiException noJob(String id) {
      return ApiException.of(404, "id", "no job '" + id + "'");
    }

    private void listScenarios(Context ctx) {
      List<Object> list = new ArrayList<>();
      for (ScenarioStore.Scenario s : store.list()) {
        list.add(summary(s));
      }
      Json.send(ctx, 200, list);
    }

    private static Map<String, Object> summary(ScenarioStore.Scenario s) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("name", s.name());
      m.put("version", s.version());
      m.put("createdAt", s.createdAt().toString());
      m.put("updatedAt", s.updatedAt().toString());
      return m;
    }

    private static Map<String, Object> full(ScenarioStore.Scenario s) {
      Map<String, Object> m = summary(s);
      m.put("yaml", s.yaml());
      return m;
    }

    private ScenarioStore.Scenario saved(String id) {
      return store
          .find(id)
          .orElseThrow(
              () ->
                  ApiException.of(
                      404,
                      "id",
                      "no saved scenario '"
                          + Excerpt.of(id)
                          + "'"
                          + Suggest.didYouMean(
                              id, store.list().stream().map(ScenarioStore.Scenario::id).toList())));
    }

    /** The body of a save: at most the store's limit, then as {@link #body}. */
    private String scenarioBody(Context ctx) {
      String text = body(ctx);
      if (text.length() > ScenarioStore.MAX_YAML_CHARS) {
        throw ApiException.of(
            400,
            "",
            "a saved scenario holds at most "
                + ScenarioStore.MAX_YAML_CHARS
                + " characters, got "
                + text.length());
      }
      return text;
    }

    /** A scenario is saved only when it reads: the store holds scenarios that plan. */
    private void createScenario(Context ctx) {
      String text = scenarioBody(ctx);
      String name = planning.read(text).scenario().name();
      ScenarioStore.Scenario s = store.create(name, text);
      ctx.header("Location", "/api/scenarios/" + s.id());
      Json.send(ctx, 201, full(s));
    }

    private void getScenario(Context ctx) {
      Json.send(ctx, 200, full(saved(ctx.pathParam("id"))));
    }

    private void updateScenario(Context ctx) {
      String id = ctx.pathParam("id");
      String text = scenarioBody(ctx);
      String name = planning.read(text).scenario().name();
      String expected = ctx.queryParam("version");
      Optional<Long> version = Optional.empty();
      if (expected != null) {
        version = Optional.of(longParam(ctx, "version", 0));
      }
      saved(id);
      Optional<ScenarioStore.Scenario> updated = store.update(id, name, text, version);
      if (updated.isEmpty()) {
        throw ApiException.of(
            409,
            "version",
            "the scenario was saved by someone else since version "
                + expected
                + " (now version "
                + saved(id).version()
                + "); reload it, or save without ?version=");
      }
      Json.send(ctx, 200, full(updated.get()));
    }

    private void deleteScenario(Context ctx) {
      String id = ctx.pathParam("id");
      saved(id);
      store.delete(id);
      ctx.status(204);
    }

    /** Every saved version of a scenario, newest first, also of a deleted one. */
    private void listVersions(Context ctx) {
      String id = ctx.pathParam("id");
      List<ScenarioStore.Version> versions = store.versions(id);
      if (versions.isEmpty()) {
        throw ApiException.of(404, "id", "nothing was ever saved as '" + id + "'");
      }
      List<Map<String, Object>> out = new ArrayList<>();
      for (ScenarioStore.Version v : versions) {
        out.add(version(v, false));
      }
      Json.send(ctx, 200, out);
    }

    /** One saved version with its text: what a client restores by saving it again. */
    private void getVersion(Context ctx) {
      String id = ctx.pathParam("id");
      String text = ctx.pathParam("version");
      long number;
      try {
        number = Long.parseLong(text.strip());
      } catch (NumberFormatException e) {
        throw ApiException.of(400, "version", "must be a whole number, got '" + text + "'");
      }
      ScenarioStore.Version v =
          store
              .version(id, number)
              .orElseThrow(
                  () ->
                      ApiException.of(
                          404, "version", "no version " + number + " of '" + id + "' was saved"));
      Json.send(ctx, 200, version(v, true));
    }

    private static Map<String, Object> version(ScenarioStore.Version v, boolean withText) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", v.id());
      m.put("version", v.version());
      m.put("name", v.name());
      m.put("savedAt", v.savedAt().toString());
      if (withText) {
        m.put("yaml", v.yaml());
      }
      return m;
    }

    /** The plan of a saved scenario, cached in the store per version. */
    private void planScenario(Context ctx) {
      ScenarioStore.Scenario s = saved(ctx.pathParam("id"));
      Optional<String> cached = store.plan(s.id(), s.version());
      if (cached.isPresent()) {
        Json.sendRaw(ctx, 200, cached.get());
        return;
      }
      String json = JsonRenderer.render(planning.plan(s.yaml()).view());
      store.savePlan(s.id(), s.version(), json);
      Json.sendRaw(ctx, 200, json);
    }

    private void catalog(Context ctx) {
      Map<String, Object> tree = new LinkedHashMap<>();
      for (CatalogKind k : CatalogKind.values()) {
        tree.put(k.key(), entries(k));
      }
      Json.send(ctx, 200, tree);
    }

    private List<Object> entries(CatalogKind k) {
      List<Object> list = new ArrayList<>();
      for (CatalogEntry entry : planning.catalog().entries(k).values()) {
        list.add(CatalogView.entry(entry));
      }
      return list;
    }

    private static CatalogKind kind(String key) {
      List<String> keys = Arrays.stream(CatalogKind.values()).map(CatalogKind::key).toList();
      return Arrays.stream(CatalogKind.values())
          .filter(k -> k.key().equalsIgnoreCase(key))
          .findFirst()
          .orElseThrow(
              () ->
                  ApiException.of(
                      404,
                      "kind",
                      "unknown kind '"
                          + key
                          + "'"
                          + Suggest.didYouMean(key, keys)
                          + "; allowed: "
                          + String.join(", ", keys)));
    }

    private void catalogKind(Context ctx) {
      Json.send(ctx, 200, entries(kind(ctx.pathParam("kind"))));
    }

    private void catalogEntry(Context ctx) {
      CatalogKind k = kind(ctx.pathParam("kind"));
      String id = ctx.pathParam("id");
      Map<String, ? extends CatalogEntry> entries = planning.catalog().entries(k);
      CatalogEntry entry = entries.get(id);
      if (entry == null) {
        throw ApiException.of(
            404,
            "id",
            "no " + k.key() + " entry '" + id + "'" + Suggest.didYouMean(id, entries.keySet()));
      }
      Json.send(ctx, 200, CatalogView.entry(entry));
    }

    private void examples(Context ctx) {
      List<Object> list = new ArrayList<>();
      for (Examples.Example e : Examples.all()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("kind", e.kind());
        m.put("description", e.description());
        m.put("yaml", e.yaml());
        list.add(m);
      }
      Json.send(ctx, 200, list);
    }
  }
}
