package dev.gocachectl.serve;

import dev.gocachectl.config.WatchedCache;
import dev.gocachectl.explain.Category;
import dev.gocachectl.page.PageModel;
import dev.gocachectl.prog.BuildReport;
import dev.gocachectl.prog.MissKind;
import dev.gocachectl.remote.TierStats;
import dev.gocachectl.verify.FindingKind;
import dev.gocachectl.verify.VerifyReport;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Assembles the {@link PageModel} from what serve holds: the counters (totals since the data
 * directory was created), the newest {@value #REPORTS} reports of the journal (hit rate over time,
 * the breaker's state now, the newest builds), and the watched caches ({@link CacheWatch}: its
 * refreshes and verifies are the jobs' runs).
 *
 * <p>A report's labels are the user's: any value may show, escaped by the page. A chart keeps the
 * {@value #SERIES} values with the most lookups and merges the rest as {@value #OTHER}. The runner
 * is the report's {@code runner} label.
 */
final class PageData {
  /** The newest reports read for the charts. */
  static final int REPORTS = 5_000;

  /** Series per chart: the values with the most lookups, then the rest merged. */
  static final int SERIES = 7;

  static final String OTHER = "(other)";
  static final String RUNNER = "runner";
  static final int RECENT = 20;

  /** The steps a chart's buckets may take, so that it has at most {@value #BUCKETS} of them. */
  private static final List<Duration> STEPS =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofHours(1),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofDays(1),
          Duration.ofDays(7));

  private static final int BUCKETS = 48;

  /** The explain categories that make keys differ between runners, for misses of cause new. */
  private static final List<Category> NEW_MISS_CAUSES =
      List.of(Category.TOOLCHAIN, Category.FLAGS, Category.PATH, Category.CGO, Category.MODINFO);

  private final Ingest ingest;
  private final CacheWatch caches;
  private final Clock clock;

  PageData(Ingest ingest, CacheWatch caches, Clock clock) {
    this.ingest = ingest;
    this.caches = caches;
    this.clock = clock;
  }

  PageModel model() throws IOException {
    Instant now = clock.instant();
    Map<Series, double[]> counts = ingest.snapshot();
    List<String> names = ingest.labels().names();
    List<BuildReport> reports = newest(now);
    List<PageModel.RateChart> byLabel = new ArrayList<>();
    for (String n : names) {
      if (!n.equals(RUNNER)) {
        byLabel.add(chart(n, reports, r -> r.labels().get(n)));
      }
    }
    byLabel.removeIf(c -> c.series().isEmpty());
    PageModel.RateChart byRunner = chart(RUNNER, reports, r -> r.labels().get(RUNNER));
    List<PageModel.JobRun> jobs = new ArrayList<>();
    List<PageModel.OpenFinding> findings = new ArrayList<>();
    List<PageModel.CacheState> cacheStates = cacheStates(jobs, findings);
    return new PageModel(
        now,
        fleet(counts),
        byLabel,
        byRunner,
        misses(counts, names.size()),
        tiers(counts, names.size(), reports),
        cacheStates,
        jobs,
        findings,
        List.of(),
        recent(reports));
  }

  /** The newest reports, newest first; times far off the clock are left out. */
  private List<BuildReport> newest(Instant now) throws IOException {
    List<BuildReport> out = new ArrayList<>();
    Instant earliest = now.minus(Duration.ofDays(400));
    Instant latest = now.plus(Duration.ofMinutes(5));
    for (String line : ingest.newest(REPORTS)) {
      try {
        BuildReport r = BuildReport.parse(line);
        if (!r.time().isBefore(earliest) && !r.time().isAfter(latest)) {
          out.add(r);
        }
      } catch (BuildReport.MalformedException e) {
        // serve wrote the line: only a damaged file gets here
      }
    }
    return out;
  }

  private static double sum(Map<Series, double[]> counts, Family f, int index, String value) {
    double s = 0;
    for (var e : counts.entrySet()) {
      if (e.getKey().family().equals(f)
          && (value == null || e.getKey().values().get(index).equals(value))) {
        s += e.getValue()[0];
      }
    }
    return s;
  }

  private static PageModel.Fleet fleet(Map<Series, double[]> counts) {
    return new PageModel.Fleet(
        (long) sum(counts, ReportMetrics.RECEIVED, 0, null),
        (long) sum(counts, ReportMetrics.GETS, 0, null),
        (long) sum(counts, ReportMetrics.HITS, 0, null),
        (long) sumByLast(counts, ReportMetrics.HITS).getOrDefault("remote", 0.0).doubleValue());
  }

  /** A family's values summed by its last label. */
  private static Map<String, Double> sumByLast(Map<Series, double[]> counts, Family f) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (var e : counts.entrySet()) {
      if (e.getKey().family().equals(f)) {
        m.merge(e.getKey().values().getLast(), e.getValue()[0], Double::sum);
      }
    }
    return m;
  }

  private static List<PageModel.MissCause> misses(Map<Series, double[]> counts, int user) {
    List<PageModel.MissCause> out = new ArrayList<>();
    List<PageModel.Hint> keys =
        NEW_MISS_CAUSES.stream().map(c -> new PageModel.Hint(c.id(), c.remedy())).toList();
    for (MissKind k : MissKind.values()) {
      out.add(
          new PageModel.MissCause(
              k.id(),
              (long) sum(counts, ReportMetrics.MISSES, user, k.id()),
              k.remedy(),
              k == MissKind.NEW ? keys : List.of()));
    }
    out.add(
        new PageModel.MissCause(
            "remote-error",
            (long) sum(counts, ReportMetrics.MISSES, user, "remote-error"),
            ReportMetrics.REMOTE_ERROR_REMEDY,
            List.of()));
    out.sort(Comparator.comparingLong(PageModel.MissCause::count).reversed());
    return out;
  }

  private static List<PageModel.Tier> tiers(
      Map<Series, double[]> counts, int user, List<BuildReport> reports) {
    Map<String, Map<String, Double>> gets = new LinkedHashMap<>();
    Map<String, Map<String, Double>> uploads = new LinkedHashMap<>();
    for (var e : counts.entrySet()) {
      Family f = e.getKey().family();
      List<String> v = e.getKey().values();
      if (f.equals(ReportMetrics.TIER_GETS) && !v.get(user).equals("local")) {
        gets.computeIfAbsent(v.get(user), k -> new HashMap<>())
            .merge(v.get(user + 1), e.getValue()[0], Double::sum);
      } else if (f.equals(ReportMetrics.UPLOADS)) {
        uploads
            .computeIfAbsent(v.get(user), k -> new HashMap<>())
            .merge(v.get(user + 1), e.getValue()[0], Double::sum);
      }
    }
    Map<String, Double> breaker = sumByLast(counts, ReportMetrics.BREAKER_OPEN);
    List<PageModel.Tier> out = new ArrayList<>();
    for (var e : gets.entrySet()) {
      String tier = e.getKey();
      Map<String, Double> g = e.getValue();
      Map<String, Double> u = uploads.getOrDefault(tier, Map.of());
      out.add(
          new PageModel.Tier(
              tier,
              n(g, "hit"),
              n(g, "miss"),
              n(g, "error"),
              n(g, "timeout"),
              n(g, "verify-failed"),
              n(g, "rejected"),
              n(g, "refused"),
              n(u, "failed"),
              n(u, "dropped"),
              breaker.getOrDefault(tier, 0.0).longValue(),
              openNow(tier, reports)));
    }
    return out;
  }

  /** Whether the newest report that used the tier had its breaker open (lookups refused). */
  private static boolean openNow(String tier, List<BuildReport> reports) {
    for (BuildReport r : reports) {
      for (int i = 0; i < r.remotes().size(); i++) {
        if (ReportMetrics.tierKind(r.remoteNames().get(i)).equals(tier)) {
          TierStats.Snapshot t = r.remotes().get(i);
          return t.refused() > 0;
        }
      }
    }
    return false;
  }

  private static long n(Map<String, Double> m, String k) {
    return m.getOrDefault(k, 0.0).longValue();
  }

  /** Hit rate over time by the value {@code key} gives (reports without one are left out). */
  static PageModel.RateChart chart(
      String dimension, List<BuildReport> reports, Function<BuildReport, String> key) {
    List<BuildReport> with = reports.stream().filter(r -> key.apply(r) != null).toList();
    if (with.isEmpty()) {
      return new PageModel.RateChart(dimension, Instant.EPOCH, STEPS.getFirst(), List.of());
    }
    Instant min = with.stream().map(BuildReport::time).min(Comparator.naturalOrder()).get();
    Instant max = with.stream().map(BuildReport::time).max(Comparator.naturalOrder()).get();
    Duration step = STEPS.getLast();
    for (Duration s : STEPS) {
      if (Duration.between(min, max).dividedBy(s) < BUCKETS) {
        step = s;
        break;
      }
    }
    long stepSeconds = step.toSeconds();
    Instant start =
        Instant.ofEpochSecond(Math.floorDiv(min.getEpochSecond(), stepSeconds) * stepSeconds);
    int buckets = (int) (Duration.between(start, max).toSeconds() / stepSeconds) + 1;
    Map<String, Long> total = new HashMap<>();
    for (BuildReport r : with) {
      total.merge(key.apply(r), r.counts().gets(), Long::sum);
    }
    List<String> top =
        total.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(total.size() > SERIES + 1 ? SERIES : SERIES + 1)
            .map(Map.Entry::getKey)
            .toList();
    Map<String, long[][]> points = new LinkedHashMap<>();
    top.forEach(t -> points.put(t, new long[buckets][2]));
    if (total.size() > top.size()) {
      points.put(OTHER, new long[buckets][2]);
    }
    for (BuildReport r : with) {
      long[][] p = points.get(top.contains(key.apply(r)) ? key.apply(r) : OTHER);
      int b = (int) (Duration.between(start, r.time()).toSeconds() / stepSeconds);
      p[b][0] += r.counts().gets();
      p[b][1] += Math.min(r.counts().hits(), r.counts().gets());
    }
    List<PageModel.RateSeries> series = new ArrayList<>();
    points.forEach(
        (name, p) -> {
          List<PageModel.Point> l = new ArrayList<>(buckets);
          for (long[] x : p) {
            l.add(new PageModel.Point(x[0], x[1]));
          }
          series.add(new PageModel.RateSeries(name, l));
        });
    return new PageModel.RateChart(dimension, start, step, series);
  }

  private static List<PageModel.RecentBuild> recent(List<BuildReport> reports) {
    List<PageModel.RecentBuild> out = new ArrayList<>();
    for (BuildReport r : reports.subList(0, Math.min(RECENT, reports.size()))) {
      StringJoiner labels = new StringJoiner(", ");
      r.labels().forEach((k, v) -> labels.add(k + "=" + v));
      out.add(
          new PageModel.RecentBuild(
              r.time(),
              r.command() == null ? "" : r.command(),
              labels.toString(),
              r.labels().getOrDefault(RUNNER, ""),
              r.counts().gets(),
              r.counts().hits()));
    }
    return out;
  }

  /** The watched caches; their refreshes and verifies as job runs, their problems as findings. */
  private List<PageModel.CacheState> cacheStates(
      List<PageModel.JobRun> jobs, List<PageModel.OpenFinding> findings) {
    List<PageModel.CacheState> out = new ArrayList<>();
    for (WatchedCache c : caches.caches()) {
      Map<String, Double> s = caches.state(c.name());
      boolean up = s.getOrDefault("up", 0.0) == 1.0;
      Instant refreshed = at(s.get("refreshed"));
      long size = s.getOrDefault("size", 0.0).longValue();
      String error = caches.error(c.name());
      out.add(
          new PageModel.CacheState(
              c.name(),
              c.kind(),
              c.dir().toString(),
              up || refreshed == null,
              error,
              refreshed,
              size,
              c.budgetBytes(),
              s.getOrDefault("entries", 0.0).longValue(),
              s.getOrDefault("free", 0.0).longValue(),
              s.getOrDefault("disk", 0.0).longValue()));
      jobs.add(
          new PageModel.JobRun(
              "stats",
              c.name(),
              refreshed,
              took(s),
              refreshed == null ? "never" : up ? "ok" : "failed",
              refreshed == null
                  ? "not run yet"
                  : up
                      ? s.getOrDefault("entries", 0.0).longValue()
                          + " entries, "
                          + dev.gocachectl.units.ByteSize.format(size)
                          + ", "
                          + s.getOrDefault("dangling", 0.0).longValue()
                          + " dangling, "
                          + s.getOrDefault("orphans", 0.0).longValue()
                          + " orphan outputs"
                      : "cannot read: " + error));
      if (up && c.budgetBytes() > 0 && size > c.budgetBytes()) {
        findings.add(
            new PageModel.OpenFinding(
                "stats",
                c.name(),
                "over-budget",
                "open",
                refreshed,
                1,
                dev.gocachectl.units.ByteSize.format(size)
                    + " over a budget of "
                    + dev.gocachectl.units.ByteSize.format(c.budgetBytes()),
                "gocachectl trim --cache "
                    + c.dir()
                    + " --max-size "
                    + c.budgetBytes()
                    + " (or raise the budget: a smaller cache misses on what was trimmed)"));
      }
      Map<String, Double> v = caches.verified(c.name());
      Instant verified = at(v.get("verified"));
      if (verified != null) {
        long problems = 0;
        StringJoiner what = new StringJoiner(", ");
        for (FindingKind k : FindingKind.values()) {
          long n = v.getOrDefault(k.id(), 0.0).longValue();
          if (n > 0) {
            what.add(n + " " + k.id());
          }
          if (n > 0 && k.isProblem()) {
            problems += n;
            findings.add(
                new PageModel.OpenFinding(
                    "verify", c.name(), k.id(), "open", verified, n, "", VerifyReport.REMEDY));
          }
        }
        jobs.add(
            new PageModel.JobRun(
                "verify",
                c.name(),
                verified,
                took(v),
                problems > 0 ? "findings" : "ok",
                what.length() == 0 ? "no findings" : what.toString()));
      }
    }
    return out;
  }

  private static Instant at(Double epochSeconds) {
    return epochSeconds == null ? null : Instant.ofEpochMilli((long) (epochSeconds * 1000));
  }

  private static Duration took(Map<String, Double> m) {
    Double t = m.get("took");
    return t == null ? null : Duration.ofMillis((long) (t * 1000));
  }
}
