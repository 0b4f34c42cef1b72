package dev.ironworks.web;

import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.store.ScenarioStore;
import dev.ironworks.io.yaml.Excerpt;
import dev.ironworks.io.yaml.Suggest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Saved scenarios: {@code /api/scenarios} and each one's versions and cached plan; and the shipped
 * examples a store starts with, {@code GET /api/examples}.
 */
record ScenarioRoutes(ScenarioStore store, Planning planning, Limits limits) implements Routes {
  @Override
  public void register(RoutesConfig app) {
    app.get("/api/scenarios", this::listScenarios);
    app.post("/api/scenarios", this::createScenario);
    app.get("/api/scenarios/{id}", this::getScenario);
    app.put("/api/scenarios/{id}", this::updateScenario);
    app.delete("/api/scenarios/{id}", this::deleteScenario);
    app.get("/api/scenarios/{id}/plan", this::planScenario);
    app.get("/api/scenarios/{id}/versions", this::listVersions);
    app.get("/api/scenarios/{id}/versions/{version}", this::getVersion);
    app.get("/api/examples", this::examples);
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
    String text = Requests.body(ctx, limits);
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
      version = Optional.of(Requests.longParam(ctx, "version", 0));
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
