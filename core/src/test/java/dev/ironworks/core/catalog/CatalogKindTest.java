package dev.ironworks.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every record a catalog entry may be is one kind, and every kind's record is an entry. */
class CatalogKindTest {
  @Test
  void eachKindIsOneOfTheEntryRecordsAndEachRecordOneKind() {
    Set<Class<?>> permitted = Set.of(CatalogEntry.class.getPermittedSubclasses());
    Set<Class<?>> kinds =
        Arrays.stream(CatalogKind.values()).map(CatalogKind::type).collect(Collectors.toSet());
    assertEquals(permitted, kinds);
    assertEquals(CatalogKind.values().length, kinds.size());
  }

  @Test
  void keysReadInAnyCase() {
    assertEquals(CatalogKind.SCALE_UP, CatalogKind.byKey("SCALEUP").orElseThrow());
    assertEquals(CatalogKind.FAILURE_RATES, CatalogKind.byKey("failureRates").orElseThrow());
  }
}
