package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.explain.CapturedAction;
import dev.gocachectl.explain.Manifest;
import dev.gocachectl.units.ByteSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Prints what a capture holds: actions per mode, the Go version, where it was saved, notes. */
final class CaptureOutput {
  private CaptureOutput() {}

  static void print(Manifest m, String label, Path saved, Long bytes, boolean json, PrintWriter out)
      throws IOException {
    Map<String, Integer> modes = new TreeMap<>();
    for (CapturedAction a : m.actions()) {
      modes.merge(a.key().modeLabel(), 1, Integer::sum);
    }
    if (json) {
      JsonGenerator g = JsonOutput.open(out);
      g.writeStartObject();
      g.writeStringField("source", label);
      g.writeStringField("command", m.commandLine());
      JsonOutput.string(g, "dir", m.dir());
      g.writeStringField("goVersion", m.salt());
      g.writeNumberField("actions", m.actions().size());
      g.writeObjectFieldStart("modes");
      for (Map.Entry<String, Integer> e : modes.entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      JsonOutput.string(g, "saved", saved);
      if (bytes != null) {
        g.writeNumberField("bytes", bytes);
      }
      ExplainJson.strings(g, "notes", m.notes());
      g.writeEndObject();
      JsonOutput.close(g, out);
      return;
    }
    StringBuilder counts = new StringBuilder();
    modes.forEach(
        (k, v) -> counts.append(counts.isEmpty() ? "" : ", ").append(v).append(' ').append(k));
    out.printf(
        Locale.ROOT,
        "captured %,d actions (%s) from %s (%s)%n",
        m.actions().size(),
        counts,
        label,
        m.salt().isEmpty() ? "no Go version seen" : m.salt());
    if (saved != null) {
      out.println("saved " + saved + " (" + ByteSize.format(bytes) + ")");
    }
    ExplainOutput.notes(m.notes(), out);
    out.flush();
  }
}
