package dev.gocachectl.history;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;

/**
 * The JSON of the history's values, in serve's {@code /api/...} answers and the generic webhook
 * body.
 *
 * <h2>Format</h2>
 *
 * <pre>
 * run:     {"id":12,"job":"verify-ci","started":"2026-12-08T01:00:00Z",
 *           "ended":"2026-12-08T01:00:42Z","outcome":"findings","summary":"2 findings"}
 *          (ended, outcome, summary null while it runs)
 * finding: {"id":7,"job":"verify-ci","kind":"corrupt-output","subject":"ab12...",
 *           "state":"new","message":"...","remedy":"...",
 *           "firstSeen":"...","lastSeen":"...","resolvedAt":null,
 *           "firstRun":11,"lastRun":12,"resolvedBy":null}
 * </pre>
 *
 * Times are RFC 3339 UTC; strings are JSON-escaped (and HTML-escaped by whoever shows them).
 */
public final class HistoryJson {
  private HistoryJson() {}

  public static void run(JsonGenerator g, JobRun r) throws IOException {
    g.writeStartObject();
    g.writeNumberField("id", r.id().value());
    g.writeStringField("job", r.job().value());
    time(g, "started", r.started());
    time(g, "ended", r.ended());
    g.writeStringField("outcome", r.outcome() == null ? null : r.outcome().id());
    g.writeStringField("summary", r.summary());
    g.writeEndObject();
  }

  public static void finding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeNumberField("id", f.id().value());
    g.writeStringField("job", f.job().value());
    g.writeStringField("kind", f.kind());
    g.writeStringField("subject", f.subject());
    g.writeStringField("state", f.state().id());
    g.writeStringField("message", f.message());
    g.writeStringField("remedy", f.remedy());
    time(g, "firstSeen", f.firstSeen());
    time(g, "lastSeen", f.lastSeen());
    time(g, "resolvedAt", f.resolvedAt());
    g.writeNumberField("firstRun", f.firstRun().value());
    g.writeNumberField("lastRun", f.lastRun().value());
    if (f.resolvedBy() == null) {
      g.writeNullField("resolvedBy");
    } else {
      g.writeNumberField("resolvedBy", f.resolvedBy().value());
    }
    g.writeEndObject();
  }

  private static void time(JsonGenerator g, String name, Instant t) throws IOException {
    if (t == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, t.toString());
    }
  }
}
