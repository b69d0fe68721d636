package dev.gocachectl.prog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.gocachectl.remote.TierStats;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link BuildReport#parse}: a report line back into the record, with jackson-core's streaming
 * parser under bounds (depth, string and number lengths), for the service that receives lines from
 * other machines.
 */
final class BuildReportReader {
  /** The longest string {@link BuildReport#parse} accepts (a command line). */
  static final int MAX_STRING = 16 * 1024;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(8)
                  .maxStringLength(MAX_STRING)
                  .maxNumberLength(24)
                  .build())
          .build();

  /** The top-level fields that are counts: anything else there is refused. */
  private static final java.util.Set<String> COUNTS =
      java.util.Set.of(
          "pid",
          "gets",
          "hits",
          "remoteHits",
          "misses",
          "puts",
          "putErrors",
          "spilled",
          "bytesRead",
          "bytesWritten",
          "getP50Micros",
          "getP99Micros",
          "getMicrosSum",
          "wallMillis",
          "pendingUploads");

  private BuildReportReader() {}

  static BuildReport parse(String line) throws BuildReport.MalformedException {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BuildReport.MalformedException("a report is a JSON object");
      }
      BuildReport r = object(p);
      if (p.nextToken() != null) {
        throw new BuildReport.MalformedException("text after the report's object");
      }
      return r;
    } catch (JsonProcessingException e) {
      throw new BuildReport.MalformedException("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BuildReport.MalformedException("unreadable: " + e.getMessage());
    }
  }

  private static BuildReport object(JsonParser p)
      throws IOException, BuildReport.MalformedException {
    ReportId id = null;
    Instant time = null;
    long pid = 0;
    String mode = "";
    String command = null;
    Map<String, String> labels = Map.of();
    Map<String, Long> n = new LinkedHashMap<>();
    Map<MissKind, Long> miss = new EnumMap<>(MissKind.class);
    List<Long> buckets = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<TierStats.Snapshot> tiers = new ArrayList<>();
    Prefetch.Counts prefetch = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      switch (f) {
        case "id" -> {
          String s = text(p, t, f);
          if (!ReportId.valid(s)) {
            throw new BuildReport.MalformedException("\"id\" is not 32 lower-case hex digits");
          }
          id = new ReportId(s);
        }
        case "time" -> time = time(text(p, t, f));
        case "mode" -> mode = text(p, t, f);
        case "command" -> command = t == JsonToken.VALUE_NULL ? null : text(p, t, f);
        case "labels" -> labels = labels(p, t);
        case "miss" -> {
          expect(t, JsonToken.START_OBJECT, f);
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            long v = count(p, p.nextToken(), "miss.", k);
            for (MissKind m : MissKind.values()) {
              if (m.id().equals(k)) {
                miss.put(m, v);
              }
            }
          }
        }
        case "getMicrosBuckets" -> {
          expect(t, JsonToken.START_ARRAY, f);
          for (JsonToken e; (e = p.nextToken()) != JsonToken.END_ARRAY; ) {
            if (buckets.size() > BuildReport.GET_BUCKETS_MICROS.size()) {
              throw new BuildReport.MalformedException("\"getMicrosBuckets\" has too many buckets");
            }
            buckets.add(count(p, e, "", f));
          }
        }
        case "remotes" -> {
          expect(t, JsonToken.START_ARRAY, f);
          for (JsonToken e; (e = p.nextToken()) != JsonToken.END_ARRAY; ) {
            expect(e, JsonToken.START_OBJECT, "remotes[]");
            if (tiers.size() == BuildReport.MAX_REMOTES) {
              throw new BuildReport.MalformedException(
                  "more than " + BuildReport.MAX_REMOTES + " remotes");
            }
            tier(p, names, tiers);
          }
        }
        case "prefetch" -> prefetch = prefetch(p, t);
        default -> {
          if (t == JsonToken.VALUE_NUMBER_INT || COUNTS.contains(f)) {
            n.put(f, count(p, t, "", f));
          } else {
            p.skipChildren();
          }
        }
      }
    }
    if (id == null || time == null) {
      throw new BuildReport.MalformedException("a report needs \"id\" and \"time\"");
    }
    pid = n.getOrDefault("pid", 0L);
    if (buckets.size() != 0 && buckets.size() != BuildReport.GET_BUCKETS_MICROS.size() + 1) {
      throw new BuildReport.MalformedException(
          "\"getMicrosBuckets\" needs " + (BuildReport.GET_BUCKETS_MICROS.size() + 1) + " numbers");
    }
    SessionStats.Counts counts =
        new SessionStats.Counts(
            n.getOrDefault("gets", 0L),
            n.getOrDefault("hits", 0L),
            n.getOrDefault("remoteHits", 0L),
            miss,
            n.getOrDefault("puts", 0L),
            n.getOrDefault("putErrors", 0L),
            n.getOrDefault("spilled", 0L),
            n.getOrDefault("bytesRead", 0L),
            n.getOrDefault("bytesWritten", 0L),
            n.getOrDefault("getP50Micros", 0L) * 1000,
            n.getOrDefault("getP99Micros", 0L) * 1000,
            List.copyOf(buckets),
            n.getOrDefault("getMicrosSum", 0L) * 1000);
    return new BuildReport(
        id,
        time,
        pid,
        mode,
        command,
        labels,
        counts,
        List.copyOf(names),
        List.copyOf(tiers),
        (int) Math.min(Integer.MAX_VALUE, n.getOrDefault("pendingUploads", 0L)),
        prefetch,
        n.getOrDefault("wallMillis", 0L));
  }

  private static Map<String, String> labels(JsonParser p, JsonToken t)
      throws IOException, BuildReport.MalformedException {
    expect(t, JsonToken.START_OBJECT, "labels");
    Map<String, String> m = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      String v = text(p, p.nextToken(), "labels." + k);
      if (m.size() == BuildReport.MAX_LABELS || k.length() > 64 || v.length() > 256) {
        throw new BuildReport.MalformedException(
            "labels: at most "
                + BuildReport.MAX_LABELS
                + ", names up to 64 characters, values up to 256");
      }
      m.put(k, v);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private static void tier(JsonParser p, List<String> names, List<TierStats.Snapshot> tiers)
      throws IOException, BuildReport.MalformedException {
    String name = null;
    String first = null;
    Map<String, Long> n = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      switch (f) {
        case "name" -> name = text(p, t, "remotes[].name");
        case "firstFailure" -> first = text(p, t, "remotes[].firstFailure");
        default -> {
          if (t == JsonToken.VALUE_NUMBER_INT) {
            n.put(f, count(p, t, "remotes[].", f));
          } else {
            p.skipChildren();
          }
        }
      }
    }
    if (name == null) {
      throw new BuildReport.MalformedException("a remote without a \"name\"");
    }
    names.add(name);
    tiers.add(
        new TierStats.Snapshot(
            n.getOrDefault("gets", 0L),
            n.getOrDefault("hits", 0L),
            n.getOrDefault("misses", 0L),
            n.getOrDefault("errors", 0L),
            n.getOrDefault("timeouts", 0L),
            n.getOrDefault("verifyFailed", 0L),
            n.getOrDefault("rejected", 0L),
            n.getOrDefault("refused", 0L),
            n.getOrDefault("bytesRead", 0L),
            n.getOrDefault("uploaded", 0L),
            n.getOrDefault("uploadFailed", 0L),
            n.getOrDefault("dropped", 0L),
            n.getOrDefault("tooBig", 0L),
            n.getOrDefault("bytesWritten", 0L),
            n.getOrDefault("getP50Micros", 0L) * 1000,
            n.getOrDefault("getP99Micros", 0L) * 1000,
            first,
            0, // a report carries no size-limit details
            null));
  }

  private static Prefetch.Counts prefetch(JsonParser p, JsonToken t)
      throws IOException, BuildReport.MalformedException {
    expect(t, JsonToken.START_OBJECT, "prefetch");
    String manifest = "none";
    Map<String, Long> n = new LinkedHashMap<>();
    boolean stale = false;
    boolean wrote = false;
    Prefetch.Other other = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      switch (f) {
        case "manifest" -> manifest = text(p, v, "prefetch.manifest");
        case "other" -> other = other(p, v);
        case "stale" -> stale = v == JsonToken.VALUE_TRUE;
        case "wrote" -> wrote = v == JsonToken.VALUE_TRUE;
        default -> {
          if (v == JsonToken.VALUE_NUMBER_INT) {
            n.put(f, Math.min(Integer.MAX_VALUE, count(p, v, "prefetch.", f)));
          } else {
            p.skipChildren();
          }
        }
      }
    }
    return new Prefetch.Counts(
        manifest,
        n.getOrDefault("listed", 0L).intValue(),
        n.getOrDefault("fetched", 0L).intValue(),
        n.getOrDefault("used", 0L).intValue(),
        stale,
        wrote,
        other);
  }

  /** {@code prefetch.other}: at most {@link BuildFingerprint#FIELDS} fields named. */
  private static Prefetch.Other other(JsonParser p, JsonToken t)
      throws IOException, BuildReport.MalformedException {
    expect(t, JsonToken.START_OBJECT, "prefetch.other");
    String runner = "";
    long notAsked = 0;
    java.util.List<String> differ = new java.util.ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      switch (f) {
        case "runner" -> runner = text(p, v, "prefetch.other.runner");
        case "notAsked" -> notAsked = count(p, v, "prefetch.other.", "notAsked");
        case "differ" -> {
          expect(v, JsonToken.START_ARRAY, "prefetch.other.differ");
          for (JsonToken e; (e = p.nextToken()) != JsonToken.END_ARRAY; ) {
            String name = text(p, e, "prefetch.other.differ");
            if (!BuildFingerprint.FIELDS.contains(name)) {
              throw new BuildReport.MalformedException(
                  "\"prefetch.other.differ\" names an unknown field");
            }
            if (!differ.contains(name)) {
              differ.add(name);
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    return new Prefetch.Other(runner, (int) Math.min(Integer.MAX_VALUE, notAsked), differ);
  }

  private static String text(JsonParser p, JsonToken t, String field)
      throws IOException, BuildReport.MalformedException {
    expect(t, JsonToken.VALUE_STRING, field);
    return p.getText();
  }

  /** A count; {@code in} + {@code field} names it in an error (joined only then). */
  private static long count(JsonParser p, JsonToken t, String in, String field)
      throws IOException, BuildReport.MalformedException {
    if (t != JsonToken.VALUE_NUMBER_INT
        || p.getNumberType() != JsonParser.NumberType.INT
            && p.getNumberType() != JsonParser.NumberType.LONG) {
      throw new BuildReport.MalformedException("\"" + in + field + "\" is not a count");
    }
    long v = p.getLongValue();
    if (v < 0) {
      throw new BuildReport.MalformedException("\"" + in + field + "\" is negative");
    }
    return v;
  }

  /**
   * A report's time: {@code Instant.parse}'s RFC 3339 UTC form, read directly when it is the {@code
   * 2026-12-07T23:00:00Z} that {@link BuildReport#toJsonLine} writes for a whole second (the
   * formatter's general path is a tenth of a report's parse).
   */
  static Instant time(String s) throws BuildReport.MalformedException {
    try {
      if (s.length() == 20
          && s.charAt(4) == '-'
          && s.charAt(7) == '-'
          && s.charAt(10) == 'T'
          && s.charAt(13) == ':'
          && s.charAt(16) == ':'
          && s.charAt(19) == 'Z') {
        int[] v = new int[6];
        int[] at = {0, 5, 8, 11, 14, 17};
        for (int i = 0; i < 6; i++) {
          int end = i == 0 ? 4 : at[i] + 2;
          for (int k = at[i]; k < end; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
              return Instant.parse(s); // refuses it with its own message
            }
            v[i] = v[i] * 10 + (c - '0');
          }
        }
        if (v[5] == 60) {
          return Instant.parse(s); // a leap second, which Instant.parse reads as :59
        }
        return java.time.LocalDateTime.of(v[0], v[1], v[2], v[3], v[4], v[5])
            .toInstant(java.time.ZoneOffset.UTC);
      }
      return Instant.parse(s);
    } catch (java.time.DateTimeException e) {
      throw new BuildReport.MalformedException("\"time\" is not an RFC 3339 UTC time");
    }
  }

  private static void expect(JsonToken t, JsonToken want, String field)
      throws BuildReport.MalformedException {
    if (t != want) {
      throw new BuildReport.MalformedException(
          "\""
              + field
              + "\" is "
              + (t == null ? "missing" : t.asString() == null ? t : t.asString())
              + ", expected "
              + want.asString());
    }
  }
}
