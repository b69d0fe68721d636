package dev.gocachectl.serve;

import dev.gocachectl.prog.BuildReport;
import dev.gocachectl.prog.MissKind;
import dev.gocachectl.remote.TierStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The metric families a {@link BuildReport} adds to, and how. Every one carries the report's labels
 * ({@link LabelPolicy}) first; none carries a build, package or action ID.
 *
 * <ul>
 *   <li>{@code tier} is {@code local} or the kind of remote store ({@code redis}, {@code s3},
 *       {@code http}) from its URL's scheme: never the URL itself (it names hosts and buckets).
 *   <li>A miss is counted once, by cause: the local tier's ({@code new}, {@code trimmed}, {@code
 *       dangling}, {@code invalid}), except that a miss whose remote lookup failed (an error or a
 *       timeout of a remote tier) counts as {@code remote-error}, taken from {@code new} first.
 *   <li>Circuit-breaker openings are counted as the go commands during which a tier's breaker was
 *       open (its lookups were refused): the report says that, not how often it opened.
 * </ul>
 */
final class ReportMetrics {
  static final Family COMMANDS =
      Family.counter("gocachectl_go_commands", "go commands reported, by verb.", true, "verb");
  static final Family COMMAND_SECONDS =
      Family.counter(
          "gocachectl_go_command_seconds",
          "Wall time of the reported go commands' cache sessions, by verb.",
          true,
          "verb");
  static final Family GETS =
      Family.counter("gocachectl_go_gets", "Cache lookups go made (all tiers together).", true);
  static final Family HITS =
      Family.counter(
          "gocachectl_go_hits",
          "Lookups answered, by where the answer came from (local or remote).",
          true,
          "source");
  static final Family MISSES =
      Family.counter("gocachectl_go_misses", "Lookups no tier answered, by cause.", true, "cause");
  static final Family PUTS =
      Family.counter("gocachectl_go_puts", "Outputs go stored, by result.", true, "result");
  static final Family SPILLED =
      Family.counter(
          "gocachectl_spilled_puts",
          "Puts the local disk could not take (kept outside the cache for the build).",
          true);
  static final Family TIER_GETS =
      Family.counter(
          "gocachectl_tier_gets", "Lookups per tier, by result.", true, "tier", "result");
  static final Family TIER_READ =
      Family.counter("gocachectl_tier_read_bytes", "Bytes read from each tier.", true, "tier");
  static final Family TIER_WRITTEN =
      Family.counter("gocachectl_tier_written_bytes", "Bytes written to each tier.", true, "tier");
  static final Family UPLOADS =
      Family.counter(
          "gocachectl_uploads", "Uploads to remote tiers, by result.", true, "tier", "result");
  static final Family BREAKER_OPEN =
      Family.counter(
          "gocachectl_breaker_open_commands",
          "go commands during which a remote tier's circuit breaker was open.",
          true,
          "tier");
  static final Family PREFETCH_COMMANDS =
      Family.counter(
          "gocachectl_prefetch_commands",
          "go commands that prefetched, by the state of the manifest they looked for.",
          true,
          "manifest");
  static final Family PREFETCH_FETCHED =
      Family.counter("gocachectl_prefetch_fetched", "Actions fetched ahead of go.", true);
  static final Family PREFETCH_USED =
      Family.counter(
          "gocachectl_prefetch_used", "Lookups answered by an action fetched ahead.", true);
  static final Family PREFETCH_STALE =
      Family.counter(
          "gocachectl_prefetch_stale_commands",
          "go commands whose prefetch stopped because the manifest was stale.",
          true);
  static final Family GET_SECONDS =
      new Family(
          "gocachectl_go_get_duration_seconds",
          "Time to answer go's lookups.",
          Family.Type.HISTOGRAM,
          true,
          List.of());
  static final Family RECEIVED =
      Family.counter("gocachectl_reports_received", "Reports accepted (each ID once).", true);
  static final Family LATE =
      Family.counter(
          "gocachectl_reports_late",
          "Reports accepted more than 10 minutes after their go command ended (spooled).",
          true);
  static final Family LAST_REPORT =
      Family.gauge(
          "gocachectl_last_report_timestamp_seconds",
          "When the newest report of these labels was made.",
          true);
  static final Family REJECTED =
      Family.counter("gocachectl_reports_rejected", "Reports refused, by reason.", false, "reason");
  static final Family DUPLICATES =
      Family.counter(
          "gocachectl_reports_duplicate", "Reports received again (same ID), not counted.", false);
  static final Family LABELS_REPLACED =
      Family.counter(
          "gocachectl_label_values_replaced",
          "Report label values exported as \"other\": past the bound, or not a plain word.",
          false,
          "label",
          "reason");

  static final List<Family> ALL =
      List.of(
          COMMANDS,
          COMMAND_SECONDS,
          GETS,
          HITS,
          MISSES,
          PUTS,
          SPILLED,
          TIER_GETS,
          TIER_READ,
          TIER_WRITTEN,
          UPLOADS,
          BREAKER_OPEN,
          PREFETCH_COMMANDS,
          PREFETCH_FETCHED,
          PREFETCH_USED,
          PREFETCH_STALE,
          GET_SECONDS,
          RECEIVED,
          LATE,
          LAST_REPORT,
          REJECTED,
          DUPLICATES,
          LABELS_REPLACED);

  /** The reasons of {@link #REJECTED}. */
  static final List<String> REJECT_REASONS =
      List.of("malformed", "too-large", "unauthorized", "bad-request");

  /** What to do about misses whose remote lookup failed ({@code remote-error}). */
  static final String REMOTE_ERROR_REMEDY =
      "A remote tier failed to answer (an error or a timeout), so go rebuilt what it may hold."
          + " The runners' standard error names the store's first failure (gocachectl prog:"
          + " remote ...); the tiers' errors and breaker are below.";

  /** Reports this much older than their arrival count as late. */
  static final long LATE_SECONDS = 600;

  private ReportMetrics() {}

  /** The bucket bounds of {@link #GET_SECONDS}, in seconds. */
  static double[] getBounds() {
    List<Long> micros = BuildReport.GET_BUCKETS_MICROS;
    double[] b = new double[micros.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = micros.get(i) / 1e6;
    }
    return b;
  }

  /** Adds one report to the counters; {@code u} are its label values. */
  static void add(CounterStore s, BuildReport r, List<String> u, long arrivedEpochSecond) {
    var c = r.counts();
    s.add(COMMANDS, with(u, r.verb()), 1);
    s.add(COMMAND_SECONDS, with(u, r.verb()), r.wallMillis() / 1000.0);
    s.touch(GETS, u);
    s.add(GETS, u, c.gets());
    long remoteHits = Math.min(c.hits(), c.remoteHits());
    s.touch(HITS, with(u, "local"));
    s.add(HITS, with(u, "local"), c.hits() - remoteHits);
    s.touch(HITS, with(u, "remote"));
    s.add(HITS, with(u, "remote"), remoteHits);
    long remoteFailed = 0;
    for (TierStats.Snapshot t : r.remotes()) {
      remoteFailed += t.errors() + t.timeouts();
    }
    remoteFailed = Math.min(remoteFailed, c.missCount());
    s.add(MISSES, with(u, "remote-error"), remoteFailed);
    for (MissKind k : MissKind.values()) {
      long n = c.misses().getOrDefault(k, 0L);
      long taken = Math.min(n, remoteFailed);
      remoteFailed -= taken;
      s.touch(MISSES, with(u, k.id()));
      s.add(MISSES, with(u, k.id()), n - taken);
    }
    s.add(PUTS, with(u, "stored"), c.puts() - c.putErrors() - c.spilled());
    s.add(PUTS, with(u, "error"), c.putErrors());
    s.add(PUTS, with(u, "spilled"), c.spilled());
    s.add(SPILLED, u, c.spilled());
    s.add(TIER_GETS, with(u, "local", "hit"), c.hits() - remoteHits);
    s.add(TIER_GETS, with(u, "local", "miss"), c.gets() - (c.hits() - remoteHits));
    s.add(TIER_READ, with(u, "local"), c.bytesRead());
    s.add(TIER_WRITTEN, with(u, "local"), c.bytesWritten());
    for (int i = 0; i < r.remotes().size(); i++) {
      TierStats.Snapshot t = r.remotes().get(i);
      String tier = tierKind(r.remoteNames().get(i));
      s.add(TIER_GETS, with(u, tier, "hit"), t.hits());
      s.add(TIER_GETS, with(u, tier, "miss"), t.misses());
      s.add(TIER_GETS, with(u, tier, "error"), t.errors());
      s.add(TIER_GETS, with(u, tier, "timeout"), t.timeouts());
      s.add(TIER_GETS, with(u, tier, "verify-failed"), t.verifyFailed());
      s.add(TIER_GETS, with(u, tier, "rejected"), t.rejected());
      s.add(TIER_GETS, with(u, tier, "refused"), t.refused());
      s.touch(TIER_READ, with(u, tier));
      s.add(TIER_READ, with(u, tier), t.bytesRead());
      s.add(TIER_WRITTEN, with(u, tier), t.bytesWritten());
      s.touch(UPLOADS, with(u, tier, "dropped"));
      s.add(UPLOADS, with(u, tier, "done"), t.uploaded());
      s.add(UPLOADS, with(u, tier, "failed"), t.uploadFailed());
      s.add(UPLOADS, with(u, tier, "dropped"), t.dropped());
      s.add(UPLOADS, with(u, tier, "too-big"), t.skippedTooBig());
      s.touch(BREAKER_OPEN, with(u, tier));
      s.add(BREAKER_OPEN, with(u, tier), t.refused() > 0 ? 1 : 0);
    }
    if (r.prefetch() != null) {
      var p = r.prefetch();
      s.add(PREFETCH_COMMANDS, with(u, manifest(p.manifest())), 1);
      s.add(PREFETCH_FETCHED, u, p.fetched());
      s.add(PREFETCH_USED, u, p.used());
      s.touch(PREFETCH_STALE, u);
      s.add(PREFETCH_STALE, u, p.stale() ? 1 : 0);
    }
    if (c.getBuckets().size() == BuildReport.GET_BUCKETS_MICROS.size() + 1) {
      s.observe(GET_SECONDS, u, c.getBuckets(), c.getNanosSum() / 1e9);
    }
    s.add(RECEIVED, u, 1);
    s.touch(LATE, u);
    long ended = r.time().getEpochSecond() + r.wallMillis() / 1000;
    if (arrivedEpochSecond - ended > LATE_SECONDS) {
      s.add(LATE, u, 1);
    }
    s.max(LAST_REPORT, u, ended);
  }

  /** The kind of remote store a tier's name (its URL) says: redis, s3, http, or other. */
  static String tierKind(String name) {
    int colon = name.indexOf(':');
    String scheme = colon < 0 ? "" : name.substring(0, colon).toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "redis", "rediss", "redis+cluster" -> "redis";
      case "s3" -> "s3";
      case "http", "https" -> "http";
      default -> "other";
    };
  }

  private static String manifest(String m) {
    return switch (m) {
      case "none", "found", "malformed", "unavailable" -> m;
      default -> "other";
    };
  }

  private static List<String> with(List<String> u, String... more) {
    List<String> l = new ArrayList<>(u.size() + more.length);
    l.addAll(u);
    l.addAll(List.of(more));
    return List.copyOf(l);
  }
}
