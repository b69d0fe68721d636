package dev.gocachectl.serve;

import dev.gocachectl.config.WatchedCache;
import dev.gocachectl.explain.Category;
import dev.gocachectl.history.Finding;
import dev.gocachectl.history.History;
import dev.gocachectl.history.HitRatePoint;
import dev.gocachectl.history.JobName;
import dev.gocachectl.history.JobRun;
import dev.gocachectl.history.PageRequest;
import dev.gocachectl.history.StoredReport;
import dev.gocachectl.page.PageModel;
import dev.gocachectl.prog.BuildReport;
import dev.gocachectl.prog.MissKind;
import dev.gocachectl.remote.TierStats;
import dev.gocachectl.units.ByteSize;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Assembles the {@link PageModel} from what serve holds, in one place: the {@link History} (hit
 * rate over time, the newest builds and the breaker's state now, every job's last run and the open
 * findings), the counters (totals, misses by cause and the tiers since the data directory was
 * created), and the watched caches ({@link CacheWatch}: their refreshes and verifies are shown as
 * runs of {@code stats} and {@code verify}).
 *
 * <p>The charts cover the time the history holds, up to {@link #SPAN}, in at most {@value #BUCKETS}
 * buckets: the fleet's hit rate, then one chart per label name and one by runner (the report's
 * {@code runner} label), each keeping the {@value #SERIES} values with the most builds apart and
 * summing the rest as {@code other}. A report's labels are the user's: any value may show, escaped
 * by the page.
 */
final class PageData {
  /** Series per chart: the values with the most builds, the last one {@code other}. */
  static final int SERIES = 8;

  /** The longest time the charts cover. */
  static final Duration SPAN = Duration.ofDays(365);

  static final String RUNNER = "runner";
  static final int RECENT = 20;

  /** A job page's runs. */
  static final int RUNS = 100;

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
          Duration.ofDays(7),
          Duration.ofDays(14));

  private static final int BUCKETS = 48;

  /** The explain categories that make keys differ between runners, for misses of cause new. */
  private static final List<Category> NEW_MISS_CAUSES =
      List.of(Category.TOOLCHAIN, Category.FLAGS, Category.PATH, Category.CGO, Category.MODINFO);

  private final Ingest ingest;
  private final History history;
  private final CacheWatch caches;
  private final Clock clock;

  PageData(Ingest ingest, History history, CacheWatch caches, Clock clock) {
    this.ingest = ingest;
    this.history = history;
    this.caches = caches;
    this.clock = clock;
  }

  /** The charts, computed at {@code at} when the newest report was {@code newest}. */
  record Charts(
      Instant at, String newest, List<PageModel.RateChart> byLabel, PageModel.RateChart byRunner) {}

  /**
   * How old the charts may get once a newer report is in the history before they are computed again
   * (in the background: a page never waits for it, except the first).
   */
  static final Duration CHARTS_FRESH = Duration.ofSeconds(15);

  private final AtomicReference<Charts> charts = new AtomicReference<>();
  private final AtomicBoolean computing = new AtomicBoolean();

  /**
   * The charts: computed on the first page, then again in the background when a report newer than
   * theirs is in the history and they are older than {@link #CHARTS_FRESH}. Over a year of reports
   * each chart is a scan of the history (about 0.2 s per 100,000 reports here), so that pages are
   * rendered from the last charts rather than waiting for new ones.
   */
  private Charts charts(Instant now, String newest) throws IOException {
    Charts c = charts.get();
    if (c == null) {
      c = computeCharts(now, newest);
      charts.set(c);
      return c;
    }
    if (!c.newest().equals(newest)
        && Duration.between(c.at(), now).compareTo(CHARTS_FRESH) >= 0
        && computing.compareAndSet(false, true)) {
      Thread.ofVirtual()
          .name("serve-page-charts")
          .start(
              () -> {
                try {
                  charts.set(computeCharts(clock.instant(), newest));
                } catch (IOException | RuntimeException e) {
                  // the history failed: /healthz says so; the page keeps the last charts
                } finally {
                  computing.set(false);
                }
              });
    }
    return c;
  }

  private Charts computeCharts(Instant now, String newest) throws IOException {
    List<String> names = ingest.labels().names();
    List<PageModel.RateChart> byLabel = new ArrayList<>();
    PageModel.RateChart byRunner =
        new PageModel.RateChart(RUNNER, now, STEPS.getFirst(), List.of());
    Window w = window(now);
    if (w != null) {
      byLabel.add(chart(w, "fleet", null));
      for (String n : names) {
        if (!n.equals(RUNNER)) {
          byLabel.add(chart(w, n, n));
        }
      }
      byRunner = chart(w, RUNNER, RUNNER);
    }
    byLabel.removeIf(x -> x.series().isEmpty());
    return new Charts(now, newest, List.copyOf(byLabel), byRunner);
  }

  PageModel model() throws IOException {
    Instant now = clock.instant();
    Map<Series, double[]> counts = ingest.snapshot();
    List<String> names = ingest.labels().names();
    List<BuildReport> recent = new ArrayList<>();
    for (StoredReport r : history.reports(PageRequest.first(RECENT)).items()) {
      recent.add(r.report());
    }
    Charts charts = charts(now, recent.isEmpty() ? "" : recent.getFirst().id().toString());
    List<PageModel.JobRun> jobs = new ArrayList<>();
    for (JobRun r : history.lastRuns()) {
      jobs.add(run(r));
    }
    List<PageModel.OpenFinding> findings = new ArrayList<>();
    for (Finding f : history.openFindings()) {
      findings.add(
          new PageModel.OpenFinding(
              f.job().value(),
              f.subject(),
              f.kind(),
              f.state().id(),
              f.firstSeen(),
              1,
              f.message(),
              f.remedy()));
    }
    List<PageModel.CacheState> cacheStates = cacheStates(jobs, findings);
    return new PageModel(
        now,
        fleet(counts),
        charts.byLabel(),
        charts.byRunner(),
        misses(counts, names.size()),
        tiers(counts, names.size(), recent),
        cacheStates,
        jobs,
        findings,
        List.of(),
        recent(recent));
  }

  /** A job's newest runs, newest first, for its page. */
  List<PageModel.JobRun> runs(String job) throws IOException {
    List<PageModel.JobRun> out = new ArrayList<>();
    for (JobRun r : history.runs(new JobName(job), PageRequest.first(RUNS)).items()) {
      out.add(run(r));
    }
    return out;
  }

  private static PageModel.JobRun run(JobRun r) {
    return new PageModel.JobRun(
        r.job().value(),
        "",
        r.ended(),
        r.duration(),
        r.outcome() == null ? "running" : r.outcome().id(),
        r.summary() == null ? "" : r.summary());
  }

  /** The charts' time: buckets of {@code step} from {@code from} (inclusive) to {@code to}. */
  record Window(Instant from, Instant to, Duration step) {}

  /**
   * From the first bucket with reports to now: found with day buckets over {@link #SPAN}, then
   * hours and minutes when the reports are that recent (three small queries at most).
   */
  private Window window(Instant now) throws IOException {
    Instant first = null;
    Instant from = floor(now.minus(SPAN), Duration.ofDays(1));
    for (Duration probe : List.of(Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(1))) {
      List<HitRatePoint> p = history.hitRates(from, floor(now, probe).plus(probe), probe, null, 1);
      if (p.isEmpty()) {
        break;
      }
      first = p.getFirst().start();
      if (Duration.between(first, now).compareTo(probe.multipliedBy(BUCKETS)) > 0) {
        break; // the coarser probe is precise enough
      }
      from = first;
    }
    if (first == null) {
      return null;
    }
    Duration step = STEPS.getLast();
    for (Duration d : STEPS) {
      if (Duration.between(floor(first, d), now).dividedBy(d) < BUCKETS) {
        step = d;
        break;
      }
    }
    return new Window(floor(first, step), floor(now, step).plus(step), step);
  }

  private static Instant floor(Instant t, Duration step) {
    long s = step.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s);
  }

  /** Hit rate over the window by {@code label}'s value (null: the fleet as one series). */
  private PageModel.RateChart chart(Window w, String dimension, String label) throws IOException {
    List<HitRatePoint> points = history.hitRates(w.from(), w.to(), w.step(), label, SERIES);
    int buckets = (int) Duration.between(w.from(), w.to()).dividedBy(w.step());
    Map<String, long[][]> groups = new LinkedHashMap<>();
    Map<String, Long> builds = new HashMap<>();
    for (HitRatePoint p : points) {
      String g = label == null ? "all builds" : p.group();
      long[][] series = groups.computeIfAbsent(g, k -> new long[buckets][2]);
      int b = (int) Duration.between(w.from(), p.start()).dividedBy(w.step());
      if (b >= 0 && b < buckets) {
        series[b][0] += p.gets();
        series[b][1] += Math.min(p.hits(), p.gets());
      }
      builds.merge(g, p.builds(), Long::sum);
    }
    List<PageModel.RateSeries> series = new ArrayList<>();
    groups.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<String, long[][]> e) -> e.getKey().equals("other"))
                .thenComparing(e -> -builds.get(e.getKey()))
                .thenComparing(Map.Entry::getKey))
        .forEach(
            e -> {
              List<PageModel.Point> l = new ArrayList<>(buckets);
              for (long[] x : e.getValue()) {
                l.add(new PageModel.Point(x[0], x[1]));
              }
              series.add(new PageModel.RateSeries(e.getKey(), l));
            });
    return new PageModel.RateChart(dimension, w.from(), w.step(), series);
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
                          + ByteSize.format(size)
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
                ByteSize.format(size) + " over a budget of " + ByteSize.format(c.budgetBytes()),
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
