package dev.gocachectl.serve;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.config.WatchedCache;
import dev.gocachectl.prog.ReportSpool;
import dev.gocachectl.stats.AgeBucket;
import dev.gocachectl.stats.CacheStats;
import dev.gocachectl.stats.StatsCollector;
import dev.gocachectl.verify.FindingKind;
import dev.gocachectl.verify.Verifier;
import dev.gocachectl.verify.VerifyOptions;
import dev.gocachectl.verify.VerifyProgress;
import dev.gocachectl.verify.VerifyReport;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of the caches serve was told about, refreshed on a schedule: {@code stats} of each
 * (size, entries, bytes by age, dangling entries, orphan outputs), the disk it is on, a prog dir's
 * unsent reports, and the findings of the last {@code verify} by kind. Exported as gauges labelled
 * {@code cache} (the configured name) and {@code kind} ({@code gocache} or {@code prog}).
 */
final class CacheWatch {
  private static final String[] AGE = {"lt1h", "1h-1d", "1d-5d", "5d-30d", "gt30d"};

  private final List<WatchedCache> caches;
  private final Clock clock;
  private final PrintStream log;
  private final Map<String, Map<String, Double>> stats = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Double>> findings = new ConcurrentHashMap<>();
  private final Map<String, String> errors = new ConcurrentHashMap<>();

  CacheWatch(List<WatchedCache> caches, Clock clock, PrintStream log) {
    this.caches = List.copyOf(caches);
    this.clock = clock;
    this.log = log;
  }

  List<WatchedCache> caches() {
    return caches;
  }

  /** One round of {@code stats} over every cache; a cache that fails is marked down, not fatal. */
  void refresh() {
    for (WatchedCache c : caches) {
      Map<String, Double> m = new LinkedHashMap<>();
      long began = clock.millis();
      try {
        CacheStats s = new StatsCollector(clock, 0).collect(CacheDir.open(c.dir()), 1);
        m.put("size", (double) s.bytes());
        m.put("entries", (double) s.actions());
        m.put("dangling", (double) s.dangling());
        m.put("orphans", (double) s.orphans());
        for (AgeBucket b : AgeBucket.values()) {
          CacheStats.Band band = s.ages().get(b);
          m.put("age:" + AGE[b.ordinal()], band == null ? 0.0 : (double) band.bytes());
        }
        FileStore store = Files.getFileStore(c.dir());
        m.put("free", (double) store.getUsableSpace());
        m.put("disk", (double) store.getTotalSpace());
        if (c.kind().equals(WatchedCache.PROG)) {
          long lines = 0;
          try (var l = Files.lines(ReportSpool.file(CacheDir.open(c.dir())))) {
            lines = l.count();
          } catch (java.nio.file.NoSuchFileException e) {
            // nothing spooled
          }
          m.put("spool", (double) lines);
        }
        m.put("up", 1.0);
        errors.remove(c.name());
      } catch (IOException | RuntimeException e) {
        errors.put(c.name(), String.valueOf(e.getMessage()));
        log.println(
            "gocachectl serve: cannot read cache "
                + c.name()
                + " at "
                + c.dir()
                + ": "
                + e.getMessage());
        m.put("up", 0.0);
      }
      m.put("refreshed", clock.millis() / 1000.0);
      m.put("took", (clock.millis() - began) / 1000.0);
      stats.put(c.name(), m);
    }
  }

  /** A {@code verify} of every cache, one job each, so that builds keep the other core. */
  void verify() {
    for (WatchedCache c : caches) {
      try {
        VerifyReport r =
            new Verifier(new VerifyOptions(1, Duration.ofMinutes(5), Duration.ofSeconds(2)), clock)
                .verify(CacheDir.open(c.dir()), VerifyProgress.NONE);
        Map<String, Double> m = new LinkedHashMap<>();
        for (FindingKind k : FindingKind.values()) {
          m.put(k.id(), (double) r.counts().getOrDefault(k, 0));
        }
        m.put("verified", clock.millis() / 1000.0);
        m.put("took", r.elapsed().toMillis() / 1000.0);
        findings.put(c.name(), m);
      } catch (IOException | RuntimeException e) {
        log.println(
            "gocachectl serve: cannot verify cache "
                + c.name()
                + " at "
                + c.dir()
                + ": "
                + e.getMessage());
      }
    }
  }

  /**
   * The last refresh of a cache ({@code size}, {@code entries}, {@code free}, {@code disk}, {@code
   * up}, {@code refreshed} and {@code took} in seconds, ...), empty before the first.
   */
  Map<String, Double> state(String name) {
    return Map.copyOf(stats.getOrDefault(name, Map.of()));
  }

  /** Why the last refresh of a cache failed, or null. */
  String error(String name) {
    return errors.get(name);
  }

  /** The last verify of a cache: a count per finding id, {@code verified}, {@code took}. */
  Map<String, Double> verified(String name) {
    return Map.copyOf(findings.getOrDefault(name, Map.of()));
  }

  List<MetricSnapshot> snapshots() {
    List<MetricSnapshot> out = new ArrayList<>();
    if (caches.isEmpty()) {
      return out;
    }
    gauge(out, "gocachectl_cache_up", "1 if the last refresh of the cache's state worked.", "up");
    gauge(out, "gocachectl_cache_size_bytes", "Bytes in the cache.", "size");
    gauge(out, "gocachectl_cache_entries", "Action entries in the cache.", "entries");
    gauge(
        out,
        "gocachectl_cache_dangling_entries",
        "Entries whose output is missing (each a miss).",
        "dangling");
    gauge(
        out,
        "gocachectl_cache_orphan_outputs",
        "Outputs no valid entry names (wasted).",
        "orphans");
    gauge(out, "gocachectl_disk_free_bytes", "Free bytes on the cache's file system.", "free");
    gauge(out, "gocachectl_disk_size_bytes", "Size of the cache's file system.", "disk");
    gauge(
        out,
        "gocachectl_report_spool_lines",
        "Reports a prog dir holds that did not reach serve yet.",
        "spool");
    gauge(
        out,
        "gocachectl_cache_refresh_timestamp_seconds",
        "When the cache's state was last refreshed.",
        "refreshed");
    var age =
        GaugeSnapshot.builder()
            .name("gocachectl_cache_age_bytes")
            .help("Bytes in the cache by age of last use (go trims what is older than 5 days).");
    var budget =
        GaugeSnapshot.builder()
            .name("gocachectl_cache_budget_bytes")
            .help("The size the cache should stay under (configured).");
    boolean budgets = false;
    for (WatchedCache c : caches) {
      Map<String, Double> m = stats.getOrDefault(c.name(), Map.of());
      for (String a : AGE) {
        Double v = m.get("age:" + a);
        if (v != null) {
          age.dataPoint(point(c, v, "age", a));
        }
      }
      if (c.budgetBytes() > 0) {
        budget.dataPoint(point(c, c.budgetBytes()));
        budgets = true;
      }
    }
    out.add(age.build());
    if (budgets) {
      out.add(budget.build());
    }
    if (!findings.isEmpty()) {
      var f =
          GaugeSnapshot.builder()
              .name("gocachectl_verify_findings")
              .help("Findings of the last verify, by kind (problems and harmless ones).");
      var when =
          GaugeSnapshot.builder()
              .name("gocachectl_verify_timestamp_seconds")
              .help("When the last verify of the cache finished.");
      for (WatchedCache c : caches) {
        Map<String, Double> m = findings.get(c.name());
        if (m == null) {
          continue;
        }
        for (FindingKind k : FindingKind.values()) {
          f.dataPoint(point(c, m.get(k.id()), "finding", k.id()));
        }
        when.dataPoint(point(c, m.get("verified")));
      }
      out.add(f.build());
      out.add(when.build());
    }
    return out;
  }

  private void gauge(List<MetricSnapshot> out, String name, String help, String key) {
    var b = GaugeSnapshot.builder().name(name).help(help);
    boolean any = false;
    for (WatchedCache c : caches) {
      Double v = stats.getOrDefault(c.name(), Map.of()).get(key);
      if (v != null) {
        b.dataPoint(point(c, v));
        any = true;
      }
    }
    if (any) {
      out.add(b.build());
    }
  }

  private static GaugeSnapshot.GaugeDataPointSnapshot point(
      WatchedCache c, double v, String... more) {
    List<String> names = new ArrayList<>(List.of("cache", "kind"));
    List<String> values = new ArrayList<>(List.of(c.name(), c.kind()));
    for (int i = 0; i < more.length; i += 2) {
      names.add(more[i]);
      values.add(more[i + 1]);
    }
    return GaugeSnapshot.GaugeDataPointSnapshot.builder()
        .labels(Labels.of(names, values))
        .value(v)
        .build();
  }
}
