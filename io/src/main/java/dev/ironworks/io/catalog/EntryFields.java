package dev.ironworks.io.catalog;

import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.units.Units;
import dev.ironworks.io.yaml.YamlMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Fields that entries of several kinds share, read the same way for each. */
final class EntryFields {
  private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+([-.][a-z0-9]+)*");

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}(-\\d{2})?");

  private EntryFields() {}

  /** Reads name, source, asOf and notes; a missing one is reported and stands as "missing". */
  static Provenance provenance(YamlMap m) {
    m.requiredText("name");
    m.text("id")
        .ifPresent(
            id -> {
              if (!KEBAB.matcher(id).matches()) {
                m.problems()
                    .add(
                        m.value("id").orElse(m.node()),
                        m.field("id"),
                        "'" + id + "' must be lower-case kebab-case, like 'my-gpu-80gb'");
              }
            });
    String source = m.requiredText("source");
    String asOf = m.requiredText("asOf");
    if (!asOf.isEmpty() && !DATE.matcher(asOf).matches()) {
      m.problems()
          .add(
              m.value("asOf").orElse(m.node()),
              m.field("asOf"),
              "must be a date 'YYYY-MM' or 'YYYY-MM-DD', got '" + asOf + "'");
    }
    return new Provenance(
        source.isEmpty() ? "missing" : source,
        asOf.isEmpty() ? "missing" : asOf,
        m.text("notes").orElse(""));
  }

  /** An enum's values by the word a file names each with. */
  static <E extends Enum<E>> Map<String, E> words(E[] values, Function<E, String> id) {
    return Arrays.stream(values)
        .collect(Collectors.toMap(id, v -> v, (a, b) -> a, LinkedHashMap::new));
  }

  /** TFLOP/s as FLOP/s. */
  static OptionalDouble tera(OptionalDouble teraflops) {
    return teraflops.isPresent()
        ? OptionalDouble.of(Units.teraflopsToFlopPerSecond(teraflops.getAsDouble()))
        : OptionalDouble.empty();
  }

  /** A required nested mapping; without it the entry cannot be built. */
  static YamlMap part(YamlMap m, String key) {
    Optional<YamlMap> part = m.map(key);
    if (part.isEmpty()) {
      if (!m.has(key)) {
        m.problems().add(m.node(), m.field(key), "required");
      }
      throw new IllegalArgumentException(key + " is required");
    }
    return part.get();
  }

  /** A fraction in (0, 1]. */
  static OptionalDouble share(YamlMap m, String key, String meaning) {
    return m.number(key, 0, true, 1, meaning);
  }
}
