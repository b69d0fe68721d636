package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;

/**
 * JSON on standard output through jackson-core's streaming generator: every report is written field
 * by field, so the JSON field names are visible next to the code that writes them.
 */
final class JsonOutput {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonOutput() {}

  /** A pretty-printing generator over {@code out} that does not close it. */
  static JsonGenerator open(PrintWriter out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.useDefaultPrettyPrinter();
    return g;
  }

  /** Finishes the document with a newline. */
  static void close(JsonGenerator g, PrintWriter out) throws IOException {
    g.close();
    out.println();
    out.flush();
  }

  /** Writes an instant in RFC 3339 form, or null. */
  static void instant(JsonGenerator g, String field, Instant t) throws IOException {
    if (t == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, t.toString());
    }
  }

  /** Writes a string or null. */
  static void string(JsonGenerator g, String field, Object value) throws IOException {
    if (value == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, value.toString());
    }
  }
}
