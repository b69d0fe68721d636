package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.doctor.DoctorReport;
import dev.gocachectl.doctor.Finding;
import dev.gocachectl.doctor.ProgConformance;
import dev.gocachectl.doctor.RunnerFacts;
import dev.gocachectl.doctor.RunnerSnapshot;
import dev.gocachectl.gotool.CcToolId;
import java.io.IOException;
import java.io.PrintWriter;

/** Prints a {@link DoctorReport}: the runner in a few lines, then each finding. */
final class DoctorOutput {
  private DoctorOutput() {}

  static void human(DoctorReport r, PrintWriter out) {
    RunnerFacts f = r.facts();
    out.printf("runner     %s, uid %d%n", f.ci().title(), f.uid());
    out.printf("go         %s (go env -json %d ms)%n", f.go("GOVERSION"), f.goEnvMillis());
    out.printf("GOCACHE    %s%n", show(f.go("GOCACHE")));
    if (!f.go("GOCACHEPROG").isEmpty()) {
      out.printf("GOCACHEPROG %s%n", show(f.go("GOCACHEPROG")));
    }
    out.printf("GOFLAGS    %s%n", show(f.go("GOFLAGS")));
    out.printf("cgo        CGO_ENABLED=%s%s%n", f.go("CGO_ENABLED"), cc(f));
    r.prog()
        .ifPresent(
            p ->
                out.printf(
                    "cacheprog  commands %s; handshake %s, put %s, get %s, close %s%n",
                    p.knownCommands(),
                    ms(p.handshakeMillis()),
                    ms(p.putMillis()),
                    ms(p.getMillis()),
                    ms(p.closeMillis())));
    out.println();
    for (Finding x : r.findings()) {
      out.printf("%s [%s]%n", x.id().id(), x.severity().label());
      out.printf("  evidence  %s%n", show(x.evidence()));
      out.printf("  effect    %s%n", x.effect());
      out.printf("  fix       %s%n", show(x.fix()));
      out.printf("  trade-off %s%n", x.tradeOff());
      out.println();
    }
    out.printf(
        "%s in %d ms%n",
        r.findings().isEmpty()
            ? "no findings: nothing on this runner keeps go from its cache"
            : r.findings().size() + " finding" + (r.findings().size() == 1 ? "" : "s"),
        r.millis());
  }

  private static String cc(RunnerFacts f) {
    if (f.cc().isEmpty()) {
      return "";
    }
    CcToolId c = f.cc().get();
    return ", CC="
        + show(f.go("CC"))
        + ", CC ID "
        + c.versionLine()
            .map(l -> "\"" + show(l) + "\"")
            .orElse("ERROR " + show(c.error().orElse("")))
        + " ("
        + c.millis()
        + " ms)";
  }

  private static String ms(long v) {
    return v < 0 ? "-" : v + " ms";
  }

  /** A string from the environment or another program, with control characters escaped. */
  static String show(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static void json(DoctorReport r, PrintWriter out) throws IOException {
    RunnerFacts f = r.facts();
    JsonGenerator g = JsonOutput.open(out);
    g.writeStartObject();
    g.writeStringField("ci", RunnerSnapshot.ciName(f.ci()));
    g.writeNumberField("uid", f.uid());
    g.writeStringField("goVersion", f.go("GOVERSION"));
    g.writeStringField("gocache", f.go("GOCACHE"));
    g.writeStringField("goflags", f.go("GOFLAGS"));
    g.writeStringField("cgoEnabled", f.go("CGO_ENABLED"));
    if (f.cc().isPresent()) {
      CcToolId c = f.cc().get();
      g.writeObjectFieldStart("cc");
      g.writeStringField("command", f.go("CC"));
      JsonOutput.string(g, "versionLine", c.versionLine().orElse(null));
      JsonOutput.string(g, "error", c.error().orElse(null));
      g.writeNumberField("millis", c.millis());
      g.writeEndObject();
    } else {
      g.writeNullField("cc");
    }
    if (r.prog().isPresent()) {
      ProgConformance p = r.prog().get();
      g.writeObjectFieldStart("cacheprog");
      g.writeArrayFieldStart("command");
      for (String s : RunnerSnapshot.redact(p.command())) {
        g.writeString(s);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("knownCommands");
      for (String s : p.knownCommands()) {
        g.writeString(s);
      }
      g.writeEndArray();
      g.writeNumberField("handshakeMillis", p.handshakeMillis());
      g.writeNumberField("putMillis", p.putMillis());
      g.writeNumberField("getMillis", p.getMillis());
      g.writeNumberField("closeMillis", p.closeMillis());
      JsonOutput.string(g, "diskPath", p.diskPath().orElse(null));
      g.writeEndObject();
    } else {
      g.writeNullField("cacheprog");
    }
    g.writeArrayFieldStart("findings");
    for (Finding x : r.findings()) {
      g.writeStartObject();
      g.writeStringField("id", x.id().id());
      g.writeStringField("severity", x.severity().label());
      g.writeStringField("evidence", x.evidence());
      g.writeStringField("effect", x.effect());
      g.writeStringField("fix", x.fix());
      g.writeStringField("tradeOff", x.tradeOff());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("goEnvMillis", f.goEnvMillis());
    g.writeNumberField("millis", r.millis());
    g.writeEndObject();
    JsonOutput.close(g, out);
  }
}
