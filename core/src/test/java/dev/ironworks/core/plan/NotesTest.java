package dev.ironworks.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Notes formatted when read read as the text formatted at once, and cannot be changed. */
class NotesTest {
  @Test
  void deferredNotesReadAsFormattedText() {
    Notes notes = new Notes();
    notes.add("plain");
    notes.format("storage raised from %.3g PB to %.3g PB", 5.0, 12.345678);
    List<String> list = notes.list();
    assertEquals(List.of("plain", "storage raised from 5.00 PB to 12.3 PB"), list);
    assertEquals(list.get(1), list.get(1));
    assertEquals(
        List.of("plain", "storage raised from 5.00 PB to 12.3 PB").hashCode(), list.hashCode());
    assertThrows(UnsupportedOperationException.class, () -> list.add("more"));
  }
}
