package dev.ironworks.io.yaml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Input bytes as text, strictly: bytes that are not UTF-8 are refused with the line and column
 * where they start, never replaced. Files and request bodies decode here, so the command line and
 * the server accept the same texts.
 */
public final class Utf8 {
  private Utf8() {}

  /**
   * The text of {@code bytes}.
   *
   * @param label names the input in the problem: a file, or "request"
   * @throws InputException when the bytes are not UTF-8
   */
  public static String decode(byte[] bytes, String label) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isUnderflow()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new InputException(List.of(problem(label, out.flip(), bytes, in.position())));
    }
    if (!result.isUnderflow()) {
      try {
        result.throwException();
      } catch (CharacterCodingException e) {
        throw new IllegalStateException("UTF-8 decoding stopped: " + result, e);
      }
    }
    return out.flip().toString();
  }

  /** Where the bad bytes start: line and column counted in the characters decoded before them. */
  private static Problem problem(String label, CharSequence before, byte[] bytes, int at) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < before.length(); i++) {
      if (before.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = before.toString().codePointCount(lineStart, before.length()) + 1;
    return new Problem(
        label,
        line,
        column,
        "",
        String.format(
            Locale.ROOT,
            "not UTF-8 text: byte 0x%02X at byte offset %d does not start or continue a character;"
                + " save the text as UTF-8",
            bytes[at] & 0xff,
            at));
  }
}
