package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.mod.proxy.FetchPlan;
import dev.gocachectl.mod.proxy.MirrorFinding;
import dev.gocachectl.mod.proxy.MirrorFindingKind;
import dev.gocachectl.mod.proxy.MirrorReport;
import dev.gocachectl.mod.proxy.VersionProbe;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link MirrorReport} for people or as JSON. */
final class ModMirrorsOutput {
  private ModMirrorsOutput() {}

  static void human(MirrorReport r, PrintWriter out) {
    for (MirrorFinding f : r.findings()) {
      out.println(f.describe());
    }
    out.println("what go fetches with GOPROXY=" + r.goproxy() + ":");
    for (FetchPlan.Plan p : r.plans()) {
      out.println("  " + p.module() + ": " + p.verdict());
      for (FetchPlan.Step s : p.steps()) {
        out.println(
            "    ."
                + s.file()
                + " "
                + s.outcome()
                + (s.trail().size() > 1 ? " (tried " + String.join(", ", s.trail()) + ")" : ""));
      }
    }
    Map<MirrorFindingKind, Integer> c = counts(r);
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "compared %d mirrors on %d module versions in %.1fs:",
                r.mirrors().size(),
                r.plans().size(),
                r.elapsed().toNanos() / 1e9));
    String sep = " ";
    for (var e : c.entrySet()) {
      if (e.getValue() > 0) {
        b.append(sep).append(e.getValue()).append(' ').append(e.getKey().id());
        sep = ", ";
      }
    }
    out.println(sep.equals(" ") ? b + " all agree" : b.toString());
    out.flush();
  }

  static Map<MirrorFindingKind, Integer> counts(MirrorReport r) {
    Map<MirrorFindingKind, Integer> c = new EnumMap<>(MirrorFindingKind.class);
    for (MirrorFindingKind k : MirrorFindingKind.values()) {
      c.put(k, 0);
    }
    r.findings().forEach(f -> c.merge(f.kind(), 1, Integer::sum));
    return c;
  }

  static void json(MirrorReport r, PrintWriter out) throws IOException {
    JsonGenerator g = JsonOutput.open(out);
    g.writeStartObject();
    g.writeArrayFieldStart("mirrors");
    for (String m : r.mirrors()) {
      g.writeString(m);
    }
    g.writeEndArray();
    g.writeStringField("goproxy", r.goproxy());
    g.writeObjectFieldStart("counts");
    for (var e : counts(r).entrySet()) {
      g.writeNumberField(e.getKey().id(), e.getValue());
    }
    g.writeEndObject();
    g.writeNumberField("seconds", r.elapsed().toNanos() / 1e9);
    g.writeArrayFieldStart("findings");
    for (MirrorFinding f : r.findings()) {
      g.writeStartObject();
      g.writeStringField("kind", f.kind().id());
      g.writeBooleanField("problem", f.kind().isProblem());
      g.writeStringField("mirror", f.mirror());
      g.writeStringField("subject", f.subject());
      JsonOutput.string(g, "expected", f.expected());
      g.writeStringField("found", f.found());
      g.writeEndObject();
    }
    g.writeEndArray();
    probes(g, r);
    plans(g, r);
    g.writeEndObject();
    JsonOutput.close(g, out);
  }

  private static void probes(JsonGenerator g, MirrorReport r) throws IOException {
    g.writeArrayFieldStart("probes");
    for (VersionProbe p : r.probes()) {
      g.writeStartObject();
      g.writeStringField("mirror", p.mirror());
      g.writeStringField("module", p.module().toString());
      g.writeNumberField("info", p.info().status());
      g.writeNumberField("mod", p.mod().status());
      g.writeNumberField("zip", p.zip().status());
      JsonOutput.string(g, "modH1", p.modH1());
      JsonOutput.string(g, "zipH1", p.zipH1());
      JsonOutput.string(g, "zipSha256", p.zipSha256());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void plans(JsonGenerator g, MirrorReport r) throws IOException {
    g.writeArrayFieldStart("plans");
    for (FetchPlan.Plan p : r.plans()) {
      g.writeStartObject();
      g.writeStringField("module", p.module().toString());
      g.writeStringField("verdict", p.verdict());
      for (FetchPlan.Step s : p.steps()) {
        g.writeObjectFieldStart(s.file());
        JsonOutput.string(g, "from", s.from());
        g.writeStringField("outcome", s.outcome());
        g.writeArrayFieldStart("tried");
        for (String t : s.trail()) {
          g.writeString(t);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
