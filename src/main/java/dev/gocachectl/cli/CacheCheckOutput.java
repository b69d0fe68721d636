package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.explain.ActionKey;
import dev.gocachectl.explain.CacheReport;
import dev.gocachectl.explain.Cause;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link CacheReport}: the compile actions that would miss, by reason. */
final class CacheCheckOutput {
  private CacheCheckOutput() {}

  static void print(CacheReport r, String label, boolean json, boolean all, PrintWriter out)
      throws IOException {
    if (json) {
      json(r, label, out);
      return;
    }
    Map<CacheReport.Kind, List<CacheReport.Verdict>> byKind = new EnumMap<>(CacheReport.Kind.class);
    for (CacheReport.Verdict v : r.verdicts()) {
      byKind.computeIfAbsent(v.kind(), k -> new ArrayList<>()).add(v);
    }
    out.println("build: " + label);
    out.println("cache: " + r.cache());
    out.printf(
        Locale.ROOT, "%,d of %,d compile actions would miss%n", r.misses(), r.verdicts().size());
    for (Map.Entry<CacheReport.Kind, List<CacheReport.Verdict>> e : byKind.entrySet()) {
      if (e.getKey() == CacheReport.Kind.HIT) {
        continue;
      }
      out.println();
      out.printf(
          Locale.ROOT,
          "%s (%,d): %s%n",
          e.getKey().id(),
          e.getValue().size(),
          e.getKey().meaning());
      int shown = 0;
      for (CacheReport.Verdict v : e.getValue()) {
        if (!all && shown++ == ExplainOutput.SHOWN) {
          out.printf(
              Locale.ROOT,
              "  … and %,d more (-v lists all)%n",
              e.getValue().size() - ExplainOutput.SHOWN);
          break;
        }
        line(v, out);
      }
    }
    out.flush();
  }

  private static void line(CacheReport.Verdict v, PrintWriter out) {
    String extra =
        v.missingDeps().isEmpty() ? "" : " (after " + String.join(", ", v.missingDeps()) + ")";
    out.println("  " + v.key() + extra);
    for (Cause c : v.causes()) {
      ExplainOutput.wrap("      [" + c.category().id() + "] ", c.headline(), out);
    }
  }

  private static void json(CacheReport r, String label, PrintWriter out) throws IOException {
    JsonGenerator g = JsonOutput.open(out);
    g.writeStartObject();
    g.writeStringField("build", label);
    g.writeStringField("cacheDir", r.cache().toString());
    g.writeBooleanField("baseline", r.baselineGiven());
    g.writeNumberField("actions", r.verdicts().size());
    g.writeNumberField("misses", r.misses());
    g.writeArrayFieldStart("verdicts");
    for (CacheReport.Verdict v : r.verdicts()) {
      g.writeStartObject();
      ActionKey k = v.key();
      ExplainJson.key(g, k);
      g.writeStringField("actionId", v.id().hex());
      g.writeStringField("verdict", v.kind().id());
      ExplainJson.strings(g, "missingDependencies", v.missingDeps());
      g.writeArrayFieldStart("causes");
      for (Cause c : v.causes()) {
        g.writeStartObject();
        ExplainJson.cause(g, c);
        g.writeStringField("remedy", c.remedy());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    JsonOutput.close(g, out);
  }
}
