package dev.ironworks.io.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes a view tree as pretty JSON; doubles are rounded to 6 significant digits. */
public final class JsonRenderer {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonRenderer() {}

  public static String render(Object tree) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      DefaultPrettyPrinter pretty = new DefaultPrettyPrinter();
      pretty.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
      pretty.indentObjectsWith(new DefaultIndenter("  ", "\n"));
      json.setPrettyPrinter(pretty);
      write(json, tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString() + "\n";
  }

  private static void write(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.writeFieldName(String.valueOf(entry.getKey()));
        write(json, entry.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        write(json, item);
      }
      json.writeEndArray();
    } else if (value instanceof Double d) {
      if (Double.isFinite(d)) {
        json.writeNumber(Numbers.sixDigits(d));
      } else {
        // JSON has no infinity: an unbounded figure (a component that never fails) is null.
        json.writeNull();
      }
    } else if (value instanceof Long || value instanceof Integer) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else {
      json.writeString(String.valueOf(value));
    }
  }
}
