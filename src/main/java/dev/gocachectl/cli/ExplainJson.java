package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.explain.ActionKey;
import dev.gocachectl.explain.Cause;
import dev.gocachectl.explain.CauseGroup;
import dev.gocachectl.explain.RootCause;
import java.io.IOException;
import java.util.List;

/** The JSON objects of explain's output, field by field. */
final class ExplainJson {
  private ExplainJson() {}

  /**
   * {@code {"category", "subject", "mode", "package", "ordinal", "lineA", "lineB", "valueA",
   * "valueB", "via", "remedy", "downstream", "downstreamActions"}}.
   */
  static void rootCause(JsonGenerator g, RootCause rc) throws IOException {
    g.writeStartObject();
    cause(g, rc.cause());
    key(g, rc.action());
    JsonOutput.string(g, "lineA", rc.lineA());
    JsonOutput.string(g, "lineB", rc.lineB());
    g.writeNumberField("downstream", rc.downstream().size());
    keys(g, "downstreamActions", rc.downstream());
    g.writeStringField("remedy", rc.cause().remedy());
    g.writeEndObject();
  }

  /** {@code {"category", "subject", "valueA", "valueB", "headline", "packages", "roots", ...}}. */
  static void group(JsonGenerator g, CauseGroup cg) throws IOException {
    g.writeStartObject();
    cause(g, cg.cause());
    g.writeStringField("headline", cg.cause().headline());
    g.writeNumberField("packages", cg.packages());
    keys(g, "roots", cg.roots());
    g.writeNumberField("downstream", cg.downstream().size());
    keys(g, "downstreamActions", cg.downstream());
    g.writeStringField("remedy", cg.cause().remedy());
    g.writeEndObject();
  }

  static void cause(JsonGenerator g, Cause c) throws IOException {
    g.writeStringField("category", c.category().id());
    g.writeStringField("subject", c.subject());
    JsonOutput.string(g, "valueA", c.a());
    JsonOutput.string(g, "valueB", c.b());
    g.writeStringField("via", c.via());
  }

  static void key(JsonGenerator g, ActionKey k) throws IOException {
    g.writeStringField("mode", k.modeLabel());
    g.writeStringField("package", k.pkg());
    g.writeNumberField("ordinal", k.ordinal());
  }

  static void keys(JsonGenerator g, String field, List<ActionKey> keys) throws IOException {
    g.writeArrayFieldStart(field);
    for (ActionKey k : keys) {
      g.writeStartObject();
      key(g, k);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
