package dev.ironworks.io.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Utf8}: text is UTF-8 or refused where it stops being so, never patched. */
class Utf8Test {
  private static byte[] bytes(String text, int... tail) {
    byte[] head = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
    for (int i = 0; i < tail.length; i++) {
      out[head.length + i] = (byte) tail[i];
    }
    return out;
  }

  @Test
  void utf8TextDecodesAsItIs() {
    String text = "name: caf\u00e9 \uD83D\uDE00\ncluster: {}\n";
    assertEquals(text, Utf8.decode(text.getBytes(StandardCharsets.UTF_8), "request"));
    assertEquals("", Utf8.decode(new byte[0], "request"));
  }

  @Test
  void aBadByteIsRefusedAtItsLineAndColumn() {
    // "é" is two bytes of UTF-8 but one character: the bad byte after "café: 1" is at byte 16,
    // column 8 of line 2.
    byte[] body = bytes("name: x\ncafé: 1", 0xff, '\n');
    InputException e = assertThrows(InputException.class, () -> Utf8.decode(body, "request"));
    Problem p = e.problems().get(0);
    assertEquals("request", p.file());
    assertEquals(2, p.line());
    assertEquals(8, p.column());
    assertTrue(p.message().startsWith("not UTF-8 text: byte 0xFF at byte offset 16"), p.message());
  }

  @Test
  void aTruncatedCharacterAtTheEndIsRefused() {
    // The first two of the four bytes of an emoji.
    InputException e =
        assertThrows(InputException.class, () -> Utf8.decode(bytes("a: 1\n", 0xf0, 0x9f), "x"));
    assertEquals(2, e.problems().get(0).line());
    assertEquals(1, e.problems().get(0).column());
  }

  @Test
  void aFileThatIsNotUtf8IsRefusedTheSameWay(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, bytes("name: caf", 0xe9, '\n'));
    InputException e = assertThrows(InputException.class, () -> TextFiles.read(file));
    assertEquals(file.toString(), e.problems().get(0).file());
    assertEquals(1, e.problems().get(0).line());
    assertEquals(10, e.problems().get(0).column());
    assertTrue(e.getMessage().contains("not UTF-8 text"), e.getMessage());
  }
}
