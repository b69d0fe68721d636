package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.compare.Comparison;
import dev.gocachectl.compare.RunnerSide;
import dev.gocachectl.prog.BuildFingerprint;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

/** {@code compare}'s text and JSON. Every string read from a store or file is shown escaped. */
final class CompareOutput {
  private CompareOutput() {}

  static void human(Comparison c, PrintWriter out) {
    String a = shown(c.a().label());
    String b = shown(c.b().label());
    out.println("compare " + a + " (A) with " + b + " (B)");
    if (c.a().build() != null && c.b().build() != null) {
      if (c.differences().isEmpty()) {
        out.println("fingerprint: equal (toolchain, target, flags, cgo, paths)");
      } else {
        out.println(
            "fingerprint: "
                + c.differences().size()
                + (c.differences().size() == 1 ? " field differs" : " fields differ")
                + " (A vs B)");
        for (BuildFingerprint.Difference d : c.differences()) {
          out.println(
              "  "
                  + shown(d.field())
                  + " "
                  + shown(d.a())
                  + " vs "
                  + shown(d.b())
                  + " ["
                  + d.category().id()
                  + "]");
          ExplainOutput.wrap("    ", d.advice() + ". " + d.category().remedy(), out);
        }
      }
      out.println(
          "actions: A's run used "
              + c.a().build().actions().size()
              + ", B's "
              + c.b().build().actions().size()
              + "; "
              + c.onlyA()
              + " only in A's, "
              + c.onlyB()
              + " only in B's");
      if (c.differences().isEmpty() && c.onlyB() > 0) {
        ExplainOutput.wrap(
            "  ",
            "the environments are equal: if B built what A's run had, the source or the command's"
                + " flags changed or a step is not reproducible (the captures' root causes say"
                + " which); a few are normal between a cold run and a warm one",
            out);
      }
    }
    if (c.explanation() != null) {
      out.println("root causes (explain):");
      ExplainOutput.human(c.explanation(), a, b, out, false);
    } else {
      out.println(
          "root causes: no capture of "
              + (c.a().capture() == null ? "A" : "B")
              + "; run `gocachectl explain --save-remote URL -- build ./...` on each runner"
              + " for every action's differing inputs");
    }
    if (!c.differs()) {
      out.println("nothing differs in what decides action IDs");
    }
  }

  static void json(Comparison c, String key, PrintWriter out) throws IOException {
    JsonGenerator g = JsonOutput.open(out);
    g.writeStartObject();
    JsonOutput.string(g, "key", key);
    side(g, "a", c.a());
    side(g, "b", c.b());
    g.writeBooleanField("differs", c.differs());
    g.writeArrayFieldStart("differences");
    for (BuildFingerprint.Difference d : c.differences()) {
      g.writeStartObject();
      g.writeStringField("field", d.field());
      g.writeStringField("a", d.a());
      g.writeStringField("b", d.b());
      g.writeStringField("category", d.category().id());
      g.writeStringField("advice", d.advice());
      g.writeStringField("remedy", d.category().remedy());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("onlyInA", c.onlyA());
    g.writeNumberField("onlyInB", c.onlyB());
    if (c.explanation() != null) {
      g.writeObjectFieldStart("explanation");
      ExplainOutput.fields(g, c.explanation(), c.a().label(), c.b().label());
      g.writeEndObject();
    } else {
      g.writeNullField("explanation");
    }
    g.writeEndObject();
    JsonOutput.close(g, out);
  }

  private static void side(JsonGenerator g, String name, RunnerSide s) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("label", s.label());
    if (s.build() != null) {
      JsonOutput.string(g, "runner", s.build().runner().isEmpty() ? null : s.build().runner());
      g.writeNumberField("actions", s.build().actions().size());
      g.writeObjectFieldStart("fingerprint");
      for (Map.Entry<String, String> e : s.build().fingerprint().fields().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
    g.writeBooleanField("capture", s.capture() != null);
    g.writeEndObject();
  }

  /** A string from a store or file, its control characters written {@code \xNN}. */
  static String shown(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            cp -> {
              if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || cp == 0x202e) {
                b.append(String.format(java.util.Locale.ROOT, "\\x%02x", cp & 0xff));
              } else {
                b.appendCodePoint(cp);
              }
            });
    return b.toString();
  }
}
