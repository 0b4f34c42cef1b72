package dev.ironworks.core.scenario.roadmap;

import dev.ironworks.core.units.Require;
import java.util.Optional;

/** An accelerator the roadmap may buy, in a server (the catalog's default unless named). */
public record GenerationChoice(String acceleratorId, Optional<String> serverId) {
  public GenerationChoice {
    Require.text("roadmap.generations.accelerator", acceleratorId);
    Require.present("roadmap.generations.server", serverId);
  }
}
