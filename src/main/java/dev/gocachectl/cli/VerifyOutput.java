package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.units.ByteSize;
import dev.gocachectl.verify.Finding;
import dev.gocachectl.verify.FindingKind;
import dev.gocachectl.verify.VerifyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link VerifyReport} for people or as JSON. */
final class VerifyOutput {
  private VerifyOutput() {}

  static void human(VerifyReport r, PrintWriter out, boolean verbose) {
    for (Finding f : r.findings()) {
      if (f.kind().isProblem() || verbose) {
        out.println(f.describe());
      }
    }
    out.println(summary(r));
    if (r.hasProblems()) {
      out.println(VerifyReport.REMEDY);
    }
    out.flush();
  }

  /** {@code verified 544 entries, hashed 530 outputs (60.9 MiB) in 0.3s: 0 problems; ...}. */
  static String summary(VerifyReport r) {
    Map<FindingKind, Integer> c = r.counts();
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "verified %,d entries, hashed %,d outputs (%s) in %.1fs (%s/s): %d problem%s",
            r.actions(),
            r.outputs(),
            ByteSize.format(r.bytesHashed()),
            r.elapsed().toNanos() / 1e9,
            ByteSize.format((long) r.bytesPerSecond()),
            r.problems().size(),
            r.problems().size() == 1 ? "" : "s"));
    String sep = " (";
    for (FindingKind k : FindingKind.values()) {
      if (k.isProblem() && c.get(k) > 0) {
        b.append(sep).append(c.get(k)).append(' ').append(k.id());
        sep = ", ";
      }
    }
    if (!sep.equals(" (")) {
      b.append(')');
    }
    b.append("; ");
    sep = "";
    for (FindingKind k : FindingKind.values()) {
      if (!k.isProblem()) {
        b.append(sep).append(c.get(k)).append(' ').append(k.id());
        sep = ", ";
      }
    }
    if (r.liveWrites() > 0) {
      b.append("; ").append(r.liveWrites()).append(" live writes skipped");
    }
    return b.toString();
  }

  static void json(VerifyReport r, PrintWriter out) throws IOException {
    JsonGenerator g = JsonOutput.open(out);
    write(g, r);
    JsonOutput.close(g, out);
  }

  /** Writes the report as one JSON object. */
  static void write(JsonGenerator g, VerifyReport r) throws IOException {
    g.writeStartObject();
    g.writeStringField("cacheDir", r.cacheDir());
    writeSummary(g, r);
    g.writeArrayFieldStart("findings");
    for (Finding f : r.findings()) {
      g.writeStartObject();
      g.writeStringField("kind", f.kind().id());
      g.writeBooleanField("problem", f.kind().isProblem());
      g.writeStringField("path", f.path().toString());
      JsonOutput.string(g, "actionId", f.actionId());
      JsonOutput.string(g, "outputId", f.outputId());
      JsonOutput.string(g, "expected", f.expected());
      JsonOutput.string(g, "found", f.found());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void writeSummary(JsonGenerator g, VerifyReport r) throws IOException {
    g.writeObjectFieldStart("summary");
    g.writeNumberField("problems", r.problems().size());
    g.writeObjectFieldStart("counts");
    for (Map.Entry<FindingKind, Integer> e : r.counts().entrySet()) {
      g.writeNumberField(e.getKey().id(), e.getValue());
    }
    g.writeEndObject();
    g.writeNumberField("actions", r.actions());
    g.writeNumberField("outputsHashed", r.outputs());
    g.writeNumberField("bytesHashed", r.bytesHashed());
    g.writeNumberField("seconds", r.elapsed().toNanos() / 1e9);
    g.writeNumberField("bytesPerSecond", (long) r.bytesPerSecond());
    g.writeNumberField("liveWritesSkipped", r.liveWrites());
    g.writeEndObject();
  }
}
