package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.stats.AgeBucket;
import dev.gocachectl.stats.CacheStats;
import dev.gocachectl.units.ByteSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Prints {@link CacheStats} for people or as JSON. */
final class StatsOutput {
  private StatsOutput() {}

  static void human(CacheStats s, PrintWriter out, Clock clock) {
    out.printf("cache      %s%n", s.cacheDir());
    out.printf(
        Locale.ROOT,
        "entries    %,d actions (%,d malformed), %,d outputs (%,d executables), %s%n",
        s.actions(),
        s.malformedActions(),
        s.outputs(),
        s.executables(),
        ByteSize.format(s.actionBytes() + s.outputBytes()));
    out.printf(
        Locale.ROOT, "dangling   %,d entries whose output is gone (a miss each)%n", s.dangling());
    out.printf(
        Locale.ROOT,
        "orphans    %,d outputs no entry names (%s reclaimable)%n",
        s.orphans(),
        ByteSize.format(s.orphanBytes()));
    out.printf(
        Locale.ROOT,
        "foreign    %,d files go does not use (%s)%n",
        s.foreign(),
        ByteSize.format(s.foreignBytes()));
    out.println("last used  (file mtime; go refreshes it at most hourly)");
    for (AgeBucket b : AgeBucket.values()) {
      CacheStats.Band band = s.ages().get(b);
      out.printf(
          Locale.ROOT,
          "  %-18s %,10d files %12s%n",
          b.label(),
          band.files(),
          ByteSize.format(band.bytes()));
    }
    if (!s.largest().isEmpty()) {
      out.println("largest");
      for (CacheStats.Largest l : s.largest()) {
        out.printf(
            Locale.ROOT,
            "  %10s  %-13s %s-a  used %s ago%n",
            ByteSize.format(l.size()),
            l.kind(),
            l.action().hex().substring(0, 16) + "…",
            age(clock, l.lastUsed()));
      }
    }
    out.printf(
        "last trim  %s%n",
        s.lastTrim() == null
            ? "never (no trim.txt)"
            : s.lastTrim() + " (" + age(clock, s.lastTrim()) + " ago)");
    out.printf(
        "testcache  %s%n",
        s.testExpire() == null
            ? "never cleaned (no testexpire.txt)"
            : "results before " + s.testExpire() + " expired by go clean -testcache");
    out.flush();
  }

  private static String age(Clock clock, Instant t) {
    Duration d = Duration.between(t, clock.instant());
    if (d.isNegative()) {
      return "0s (in the future)";
    }
    if (d.toDays() > 0) {
      return d.toDays() + "d";
    }
    if (d.toHours() > 0) {
      return d.toHours() + "h";
    }
    return d.toMinutes() > 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
  }

  static void json(CacheStats s, PrintWriter out) throws IOException {
    JsonGenerator g = JsonOutput.open(out);
    write(g, s);
    JsonOutput.close(g, out);
  }

  /** Writes the stats as one JSON object. */
  static void write(JsonGenerator g, CacheStats s) throws IOException {
    g.writeStartObject();
    g.writeStringField("cacheDir", s.cacheDir());
    g.writeNumberField("actions", s.actions());
    g.writeNumberField("malformedActions", s.malformedActions());
    g.writeNumberField("outputs", s.outputs());
    g.writeNumberField("executables", s.executables());
    g.writeNumberField("bytes", s.bytes());
    g.writeNumberField("actionBytes", s.actionBytes());
    g.writeNumberField("outputBytes", s.outputBytes());
    g.writeNumberField("dangling", s.dangling());
    g.writeNumberField("orphans", s.orphans());
    g.writeNumberField("orphanBytes", s.orphanBytes());
    g.writeNumberField("foreign", s.foreign());
    g.writeNumberField("foreignBytes", s.foreignBytes());
    g.writeArrayFieldStart("ages");
    for (AgeBucket b : AgeBucket.values()) {
      CacheStats.Band band = s.ages().get(b);
      g.writeStartObject();
      g.writeStringField("bucket", b.label());
      g.writeNumberField("files", band.files());
      g.writeNumberField("bytes", band.bytes());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("largest");
    for (CacheStats.Largest l : s.largest()) {
      g.writeStartObject();
      g.writeStringField("actionId", l.action().hex());
      g.writeStringField("outputId", l.output().hex());
      g.writeNumberField("size", l.size());
      g.writeStringField("kind", l.kind());
      JsonOutput.instant(g, "lastUsed", l.lastUsed());
      g.writeEndObject();
    }
    g.writeEndArray();
    JsonOutput.instant(g, "lastTrim", s.lastTrim());
    JsonOutput.instant(g, "testExpire", s.testExpire());
    g.writeEndObject();
  }
}
