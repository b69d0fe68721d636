package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.mod.GoSum;
import dev.gocachectl.mod.MainModule;
import dev.gocachectl.mod.sumdb.SumdbFinding;
import dev.gocachectl.mod.sumdb.SumdbFindingKind;
import dev.gocachectl.mod.sumdb.SumdbReport;
import dev.gocachectl.mod.sumdb.TreeHead;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link SumdbReport} for people or as JSON. */
final class ModSumdbOutput {
  private ModSumdbOutput() {}

  /** The report when GOSUMDB=off: every line skipped. */
  static SumdbReport off(MainModule main) {
    List<SumdbFinding> f = new ArrayList<>();
    for (GoSum s : main.sums()) {
      for (GoSum.Line l : s.lines()) {
        if (l.isH1()) {
          f.add(
              new SumdbFinding(
                  SumdbFindingKind.SKIPPED,
                  l.key(),
                  null,
                  "GOSUMDB=off: go never asks a checksum database",
                  s.file().getFileName() + ":" + l.lineNumber()));
        }
      }
    }
    return new SumdbReport("off", "off", null, null, f.size(), f, Duration.ZERO);
  }

  static void human(SumdbReport r, PrintWriter out) {
    out.println("checksum database " + r.db() + ", " + r.endpoint());
    out.println(
        "tree head stored on this machine: "
            + head(r.storedHead())
            + "; newest verified: "
            + head(r.newestHead()));
    for (SumdbFinding f : r.findings()) {
      if (f.kind() != SumdbFindingKind.OK && f.kind() != SumdbFindingKind.SKIPPED) {
        out.println(f.describe());
      }
    }
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "checked %d go.sum lines in %.1fs:",
            r.lines(),
            r.elapsed().toNanos() / 1e9));
    String sep = " ";
    for (Map.Entry<SumdbFindingKind, Integer> e : r.counts().entrySet()) {
      if (e.getValue() > 0) {
        b.append(sep).append(e.getValue()).append(' ').append(e.getKey().id());
        sep = ", ";
      }
    }
    out.println(b);
    if (r.counts().get(SumdbFindingKind.FORK) > 0) {
      out.println(
          "ALARM: the checksum database's log is not append-only as seen from here; keep the notes above as evidence and stop trusting this database");
    }
    out.flush();
  }

  private static String head(TreeHead h) {
    return h == null ? "none" : h.size() + " records (" + h.hash().base64() + ")";
  }

  static void json(SumdbReport r, PrintWriter out) throws IOException {
    JsonGenerator g = JsonOutput.open(out);
    g.writeStartObject();
    g.writeStringField("db", r.db());
    g.writeStringField("endpoint", r.endpoint());
    treeField(g, "storedHead", r.storedHead());
    treeField(g, "newestHead", r.newestHead());
    g.writeObjectFieldStart("counts");
    for (Map.Entry<SumdbFindingKind, Integer> e : r.counts().entrySet()) {
      g.writeNumberField(e.getKey().id(), e.getValue());
    }
    g.writeEndObject();
    g.writeNumberField("seconds", r.elapsed().toNanos() / 1e9);
    g.writeArrayFieldStart("findings");
    for (SumdbFinding f : r.findings()) {
      g.writeStartObject();
      g.writeStringField("kind", f.kind().id());
      g.writeStringField("severity", f.kind().severity().name().toLowerCase(Locale.ROOT));
      g.writeStringField("subject", f.subject());
      JsonOutput.string(g, "expected", f.expected());
      g.writeStringField("found", f.found());
      JsonOutput.string(g, "where", f.where());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    JsonOutput.close(g, out);
  }

  private static void treeField(JsonGenerator g, String name, TreeHead h) throws IOException {
    if (h == null) {
      g.writeNullField(name);
      return;
    }
    g.writeObjectFieldStart(name);
    g.writeNumberField("size", h.size());
    g.writeStringField("hash", h.hash().base64());
    g.writeEndObject();
  }
}
