package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.hits.HitReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints a {@link HitReport}: a table per mode, then the packages that ran. */
final class HitsOutput {
  private HitsOutput() {}

  static void human(HitReport r, PrintWriter out, boolean all) {
    out.printf("go %s (exit %d)%n", String.join(" ", r.command()), r.exitCode());
    out.printf("%-8s %8s %8s %8s %9s%n", "mode", "cached", "ran", "failed", "hit rate");
    for (HitReport.ModeCount m : r.modes().values()) {
      if (m.actions() + m.failed() + m.skipped() == 0) {
        continue;
      }
      out.printf(
          Locale.ROOT,
          "%-8s %,8d %,8d %,8d %8.1f%%%s%n",
          m.mode(),
          m.cached(),
          m.ran(),
          m.failed(),
          m.actions() == 0 ? 0.0 : 100 * m.hitRate(),
          m.mode().equals("link") && m.ran() > 0
              ? "   (go build never caches links; go run and go tool executables are)"
              : "");
    }
    for (HitReport.ModeCount m : r.modes().values()) {
      if (m.ranPackages().isEmpty()) {
        continue;
      }
      int n =
          all ? m.ranPackages().size() : Math.min(ExplainOutput.SHOWN * 2, m.ranPackages().size());
      out.printf(
          Locale.ROOT,
          "%s ran (%,d action%s, %,d package%s):%n",
          m.mode(),
          m.ran(),
          m.ran() == 1 ? "" : "s",
          m.ranPackages().size(),
          m.ranPackages().size() == 1 ? "" : "s");
      for (int i = 0; i < n; i++) {
        out.println("  " + m.ranPackages().get(i));
      }
      if (n < m.ranPackages().size()) {
        out.printf(Locale.ROOT, "  … and %,d more (-v lists all)%n", m.ranPackages().size() - n);
      }
    }
    out.flush();
  }

  static void json(HitReport r, PrintWriter out) throws IOException {
    JsonGenerator g = JsonOutput.open(out);
    g.writeStartObject();
    g.writeStringField("command", "go " + String.join(" ", r.command()));
    g.writeNumberField("exitCode", r.exitCode());
    g.writeObjectFieldStart("modes");
    int cached = 0;
    int ran = 0;
    for (HitReport.ModeCount m : r.modes().values()) {
      g.writeObjectFieldStart(m.mode());
      g.writeNumberField("actions", m.actions());
      g.writeNumberField("cached", m.cached());
      g.writeNumberField("ran", m.ran());
      g.writeNumberField("failed", m.failed());
      g.writeNumberField("skipped", m.skipped());
      ExplainJson.strings(g, "ranPackages", m.ranPackages());
      g.writeEndObject();
      cached += m.cached();
      ran += m.ran();
    }
    g.writeEndObject();
    g.writeObjectFieldStart("totals");
    g.writeNumberField("actions", cached + ran);
    g.writeNumberField("cached", cached);
    g.writeNumberField("ran", ran);
    g.writeEndObject();
    g.writeEndObject();
    JsonOutput.close(g, out);
  }
}
