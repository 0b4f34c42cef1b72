package dev.ironworks.cli;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.service.PlanService;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --catalog option shared by every command that reads the catalog. */
final class CatalogOption {
  @Option(
      names = "--catalog",
      paramLabel = "FILE",
      description = "A catalog file whose entries add to or replace the shipped ones.")
  Path file;

  Catalog load() {
    Catalog builtin = CatalogLoader.builtin();
    return file == null ? builtin : CatalogLoader.withOverrides(builtin, file);
  }

  /** Reading and planning scenarios against the catalog. */
  PlanService service() {
    return new PlanService(load());
  }
}
