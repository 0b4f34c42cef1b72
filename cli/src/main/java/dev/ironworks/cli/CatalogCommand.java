package dev.ironworks.cli;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.CatalogEntry;
import dev.ironworks.core.catalog.CatalogKind;
import dev.ironworks.io.render.CatalogView;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.render.TableRenderer;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Suggest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** ironworks catalog list|show: what the catalog holds. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = "Lists and shows catalog entries: accelerators, servers, fabrics, regions …",
    subcommands = {CatalogCommand.ListCommand.class, CatalogCommand.ShowCommand.class})
final class CatalogCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: list or show");
  }

  /** The kind a --kind option names, in any case; bad input with a suggestion otherwise. */
  static CatalogKind kind(String key) {
    return CatalogKind.byKey(key)
        .orElseThrow(
            () ->
                InputException.of(
                    "--kind",
                    "",
                    "unknown kind '"
                        + key
                        + "'"
                        + Suggest.didYouMean(key, CatalogKind.keys())
                        + "; allowed: "
                        + String.join(", ", CatalogKind.keys())));
  }

  /** ironworks catalog list. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists catalog entries, all kinds or one.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--kind",
        paramLabel = "KIND",
        description =
            "Only this kind: accelerators, servers, scaleUp, fabrics, storage, cooling, regions,"
                + " assumptions, models, calibration, failureRates.")
    String kind;

    @Mixin FormatOption output;

    @Mixin CatalogOption catalog;

    @Override
    public Integer call() {
      Catalog loaded = catalog.load();
      List<CatalogKind> selected =
          kind == null ? List.of(CatalogKind.values()) : List.of(kind(kind));
      PrintWriter out = spec.commandLine().getOut();
      if (output.format == Format.json) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (CatalogKind k : selected) {
          List<Object> entries = new ArrayList<>();
          for (CatalogEntry entry : loaded.entries(k).values()) {
            entries.add(CatalogView.entry(entry));
          }
          tree.put(k.key(), entries);
        }
        out.print(JsonRenderer.render(tree));
      } else {
        for (CatalogKind k : selected) {
          out.println(k.key());
          Map<String, ? extends CatalogEntry> entries = loaded.entries(k);
          int width = entries.keySet().stream().mapToInt(String::length).max().orElse(0);
          for (Map.Entry<String, ? extends CatalogEntry> entry : entries.entrySet()) {
            out.println(
                "  "
                    + entry.getKey()
                    + " ".repeat(width - entry.getKey().length() + 2)
                    + CatalogView.summary(entry.getValue()));
          }
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** ironworks catalog show ID. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Shows one catalog entry with every field, its source and date.")
  static final class ShowCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Entry id, e.g. nvidia-h100-sxm-80gb.")
    String id;

    @Option(
        names = "--kind",
        paramLabel = "KIND",
        description = "The kind, when an id exists in several (e.g. 'default').")
    String kind;

    @Mixin FormatOption output;

    @Mixin CatalogOption catalog;

    @Override
    public Integer call() {
      Catalog loaded = catalog.load();
      Optional<CatalogEntry> found =
          kind != null ? Optional.ofNullable(loaded.entries(kind(kind)).get(id)) : loaded.find(id);
      if (found.isEmpty()) {
        List<String> ids = new ArrayList<>();
        loaded.entriesByKind().values().forEach(m -> ids.addAll(m.keySet()));
        throw InputException.of(
            "ID",
            "",
            "no catalog entry '"
                + id
                + "'"
                + Suggest.didYouMean(id, ids)
                + "; see 'ironworks catalog list'");
      }
      Map<String, Object> view = CatalogView.entry(found.get());
      PrintWriter out = spec.commandLine().getOut();
      if (output.format == Format.json) {
        out.print(JsonRenderer.render(view));
      } else {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put(id, view);
        out.print(TableRenderer.render(tree));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
