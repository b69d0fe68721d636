package dev.gocachectl.notify;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.history.HistoryJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The bodies of a notification, one per {@link Format}; all JSON, UTF-8.
 *
 * <h2>Generic</h2>
 *
 * <pre>
 * {"event":"finding-new","key":"finding-7-new","time":"2026-12-08T01:00:42Z","job":"verify-ci",
 *  "text":"gocachectl: verify-ci: new corrupt-output ...",
 *  "finding":FINDING,"run":RUN}
 * </pre>
 *
 * <p>{@code event} is {@link Event.Kind#id}; {@code finding} is present for the finding events,
 * {@code run} when there is one; FINDING and RUN are {@link HistoryJson}'s, as serve's API writes
 * them.
 *
 * <h2>Slack</h2>
 *
 * <p>{@code {"text":"..."}}: the event's text with {@code &}, {@code <} and {@code >} escaped as
 * Slack's mrkdwn requires, so no string from a cache or module can make a link or a mention.
 *
 * <h2>Alertmanager</h2>
 *
 * <p>A list of one alert, as {@code POST /api/v2/alerts} takes it: labels {@code alertname} ({@code
 * GocachectlFinding}, {@code GocachectlJobFailed} or {@code GocachectlJobLate}), {@code
 * service="gocachectl"}, {@code job}, and for a finding {@code kind} and {@code subject} (so that
 * the resolved one matches the firing one); annotations {@code summary} (the text) and {@code
 * description} (the message and what to do); {@code startsAt}, and {@code endsAt}: the time it was
 * resolved, or for a firing alert {@link #FIRING_FOR} ahead, since gocachectl announces a change
 * once and does not re-send a firing alert as Prometheus does (Alertmanager would resolve it after
 * its {@code resolve_timeout}).
 */
final class Bodies {
  private static final JsonFactory JSON = new JsonFactory();

  /** How long a firing alert lasts in Alertmanager unless resolved sooner. */
  static final Duration FIRING_FOR = Duration.ofDays(30);

  private Bodies() {}

  /** Writes one body. */
  private interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] json(Writer w) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(b, JsonEncoding.UTF8)) {
      w.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // into memory: cannot happen
    }
    return b.toByteArray();
  }

  static byte[] of(Format f, Event e) {
    return switch (f) {
      case GENERIC -> generic(e);
      case SLACK -> slack(e);
      case ALERTMANAGER -> alertmanager(e);
    };
  }

  static byte[] generic(Event e) {
    return json(
        g -> {
          g.writeStartObject();
          g.writeStringField("event", e.kind().id());
          g.writeStringField("key", e.key());
          g.writeStringField("time", e.at().toString());
          g.writeStringField("job", e.job().value());
          g.writeStringField("text", e.text());
          if (e.finding() != null) {
            g.writeFieldName("finding");
            HistoryJson.finding(g, e.finding());
          }
          if (e.run() != null) {
            g.writeFieldName("run");
            HistoryJson.run(g, e.run());
          }
          g.writeEndObject();
        });
  }

  static byte[] slack(Event e) {
    String t = e.text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return json(
        g -> {
          g.writeStartObject();
          g.writeStringField("text", t);
          g.writeEndObject();
        });
  }

  static byte[] alertmanager(Event e) {
    String name =
        switch (e.kind()) {
          case FINDING_NEW, FINDING_RESOLVED -> "GocachectlFinding";
          case JOB_FAILED, JOB_RECOVERED -> "GocachectlJobFailed";
          case JOB_LATE, JOB_ON_TIME -> "GocachectlJobLate";
        };
    Instant starts =
        e.finding() != null
            ? e.finding().firstSeen()
            : e.kind().problem() || e.run() == null ? e.at() : e.run().started();
    Instant ends = e.kind().problem() ? e.at().plus(FIRING_FOR) : e.at();
    return json(
        g -> {
          g.writeStartArray();
          g.writeStartObject();
          g.writeObjectFieldStart("labels");
          g.writeStringField("alertname", name);
          g.writeStringField("service", "gocachectl");
          g.writeStringField("job", e.job().value());
          if (e.finding() != null) {
            g.writeStringField("kind", e.finding().kind());
            g.writeStringField("subject", e.finding().subject());
          }
          g.writeEndObject();
          g.writeObjectFieldStart("annotations");
          g.writeStringField("summary", e.text());
          if (e.finding() != null) {
            g.writeStringField(
                "description",
                e.finding().message()
                    + (e.finding().remedy().isEmpty()
                        ? ""
                        : " What to do: " + e.finding().remedy()));
          } else if (e.run() != null && e.run().summary() != null) {
            g.writeStringField("description", e.run().summary());
          }
          g.writeEndObject();
          g.writeStringField("startsAt", starts.toString());
          g.writeStringField("endsAt", ends.toString());
          g.writeEndObject();
          g.writeEndArray();
        });
  }
}
