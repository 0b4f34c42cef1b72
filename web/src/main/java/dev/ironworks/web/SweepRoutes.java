package dev.ironworks.web;

import dev.ironworks.io.explore.SweepSpec;
import dev.ironworks.io.store.ScenarioStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** Sweeps as jobs: {@code POST /api/sweep}, and {@code GET} and {@code DELETE /api/jobs/{id}}. */
record SweepRoutes(ScenarioStore store, Planning planning, Jobs jobs, Limits limits)
    implements Routes {
  @Override
  public void register(RoutesConfig app) {
    app.post("/api/sweep", this::sweep);
    app.get("/api/jobs/{id}", this::job);
    app.delete("/api/jobs/{id}", this::cancel);
  }

  private void sweep(Context ctx) {
    String text = Requests.body(ctx, limits);
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
}
