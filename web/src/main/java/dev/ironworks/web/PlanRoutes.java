package dev.ironworks.web;

import dev.ironworks.core.roadmap.RoadmapPlan;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.render.Report;
import dev.ironworks.io.render.RoadmapReport;
import dev.ironworks.io.render.RoadmapView;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.service.PlanService;
import dev.ironworks.io.store.ScenarioStore;
import dev.ironworks.io.yaml.Suggest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scenario in the body, planned: {@code POST /api/plan}, {@code /api/simulate}, {@code
 * /api/report} and {@code /api/roadmap}, as {@code ironworks plan}, {@code simulate}, {@code
 * report} and {@code roadmap} make them.
 */
record PlanRoutes(ScenarioStore store, Planning planning, Limits limits) implements Routes {
  @Override
  public void register(RoutesConfig app) {
    app.post("/api/plan", this::plan);
    app.post("/api/simulate", this::simulate);
    app.post("/api/report", this::report);
    app.post("/api/roadmap", this::roadmap);
  }

  private void roadmap(Context ctx) {
    Json.sendRaw(ctx, 200, planning.roadmapJson(Requests.body(ctx, limits)));
  }

  private void plan(Context ctx) {
    Json.sendRaw(ctx, 200, planning.planJson(Requests.body(ctx, limits)));
  }

  private void simulate(Context ctx) {
    String text = Requests.body(ctx, limits);
    int trials = Requests.intParam(ctx, "trials", 1000);
    long seed = Requests.longParam(ctx, "seed", 1);
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
    String text = Requests.body(ctx, limits);
    int trials = Requests.intParam(ctx, "trials", 0);
    ScenarioReader.Result read = planning.read(text);
    if (read.scenario().roadmap().isPresent()) {
      roadmapReport(ctx, format, read);
      return;
    }
    PlanService.Planned planned = planning.plan(text);
    Map<String, Object> simulation =
        trials > 0 && planned.plan().reliability().isPresent()
            ? planning.simulate(planned, trials, Requests.longParam(ctx, "seed", 1))
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

  /** A scenario with a roadmap section: the roadmap's report, as `ironworks report` writes it. */
  private void roadmapReport(Context ctx, String format, ScenarioReader.Result read) {
    RoadmapPlan plan = planning.roadmap(read);
    Map<String, Object> view = RoadmapView.of(plan);
    String title = "Roadmap: " + plan.scenarioName();
    String file = ScenarioStore.slug(plan.scenarioName());
    if (format.equals("html")) {
      ctx.contentType("text/html; charset=utf-8")
          .header("Content-Disposition", "attachment; filename=\"" + file + ".html\"")
          .result(RoadmapReport.html(title, view));
    } else {
      ctx.contentType("text/markdown; charset=utf-8")
          .header("Content-Disposition", "attachment; filename=\"" + file + ".md\"")
          .result(RoadmapReport.markdown(title, view));
    }
  }
}
