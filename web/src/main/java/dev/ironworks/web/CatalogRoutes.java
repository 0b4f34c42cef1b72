package dev.ironworks.web;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.CatalogEntry;
import dev.ironworks.core.catalog.CatalogKind;
import dev.ironworks.io.render.CatalogView;
import dev.ironworks.io.yaml.Suggest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The server's catalog: {@code GET /api/catalog}, by kind, and one entry by kind and id. */
record CatalogRoutes(Catalog catalog) implements Routes {
  @Override
  public void register(RoutesConfig app) {
    app.get("/api/catalog", this::catalog);
    app.get("/api/catalog/{kind}", this::catalogKind);
    app.get("/api/catalog/{kind}/{id}", this::catalogEntry);
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
    for (CatalogEntry entry : catalog.entries(k).values()) {
      list.add(CatalogView.entry(entry));
    }
    return list;
  }

  private static CatalogKind kind(String key) {
    List<String> keys = CatalogKind.keys();
    return CatalogKind.byKey(key)
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
    Map<String, ? extends CatalogEntry> entries = catalog.entries(k);
    CatalogEntry entry = entries.get(id);
    if (entry == null) {
      throw ApiException.of(
          404,
          "id",
          "no " + k.key() + " entry '" + id + "'" + Suggest.didYouMean(id, entries.keySet()));
    }
    Json.send(ctx, 200, CatalogView.entry(entry));
  }
}
