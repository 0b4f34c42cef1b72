package dev.ironworks.web;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.CatalogKind;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.scenario.ScenarioReference;
import dev.ironworks.io.scenario.ScenarioSchema;
import dev.ironworks.io.yaml.ValueSpec;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/schema}: every key of a scenario as the reader reads it ({@link ScenarioSchema}),
 * with its row of the scenario reference (docs/reference/scenario.md, shipped in the jar), for the
 * editor's completion and hover docs. Made once, from the server's catalog.
 */
final class SchemaApi implements Routes {
  /** Where the build puts docs/reference/scenario.md on the classpath. */
  static final String REFERENCE = "dev/ironworks/web/docs/scenario.md";

  private final String json;

  SchemaApi(Catalog catalog) {
    this.json =
        JsonRenderer.render(
            tree(
                ScenarioSchema.of(catalog),
                ScenarioReference.parse(WebServer.resource(REFERENCE)),
                catalog));
  }

  @Override
  public void register(RoutesConfig app) {
    app.get("/api/schema", ctx -> Json.sendRaw(ctx, 200, json));
  }

  static Map<String, Object> tree(
      List<ScenarioSchema.Key> keys, ScenarioReference reference, Catalog catalog) {
    List<Object> list = new ArrayList<>();
    for (ScenarioSchema.Key key : keys) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", key.path());
      m.put("key", key.name());
      m.put("parent", key.parent());
      m.put("mapping", key.mapping());
      key.value().ifPresent(v -> m.put("value", value(v, catalog)));
      Optional<ScenarioReference.Row> row = reference.row(key.path());
      m.put("unit", row.map(ScenarioReference.Row::unit).orElse(""));
      m.put("default", row.map(ScenarioReference.Row::defaultValue).orElse(""));
      m.put("allowed", row.map(ScenarioReference.Row::allowed).orElse(""));
      m.put("description", row.map(ScenarioReference.Row::meaning).orElse(""));
      list.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("keys", list);
    return root;
  }

  private static Map<String, Object> value(ValueSpec spec, Catalog catalog) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", spec.type());
    if (spec instanceof ValueSpec.Number n) {
      if (n.min() > -Double.MAX_VALUE) {
        m.put("min", n.min());
        m.put("minExclusive", n.minExclusive());
      }
      if (n.bounded()) {
        m.put("max", n.max());
      }
      m.put("meaning", n.meaning());
    } else if (spec instanceof ValueSpec.WholeNumber n) {
      m.put("min", n.min());
      m.put("max", n.max());
    } else if (spec instanceof ValueSpec.Choice choice) {
      m.put("values", choice.words());
    } else if (spec instanceof ValueSpec.CatalogId id) {
      m.put("what", id.what());
      kindOf(id, catalog).ifPresent(k -> m.put("catalog", k.key()));
      m.put("values", id.ids());
      m.put("othersAllowed", id.othersAllowed());
    }
    return m;
  }

  /** The catalog kind whose ids the reader checks against, for /api/catalog/{kind}. */
  private static Optional<CatalogKind> kindOf(ValueSpec.CatalogId id, Catalog catalog) {
    for (CatalogKind k : CatalogKind.values()) {
      if (catalog.entries(k).keySet().equals(new HashSet<>(id.ids()))) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
