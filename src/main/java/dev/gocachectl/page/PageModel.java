package dev.gocachectl.page;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything the pages show, assembled in one place by the service (serve's {@code PageData}) and
 * rendered by {@link Pages}. Strings here may come from reports, module paths or remotes: the
 * renderer escapes every one ({@link Html}).
 *
 * @param generated when the model was assembled
 * @param fleet the totals over every report counted
 * @param byLabel hit rate over time, one chart per report label
 * @param byRunner hit rate over time by runner
 * @param misses misses by cause, each with what to do
 * @param tiers the remote tiers' health
 * @param caches the watched caches against their budgets
 * @param jobs the last run of every job (and target)
 * @param findings the open findings, each with what to do
 * @param supply the module supply chain's state; empty when no job checks it
 * @param recent the newest build reports
 */
public record PageModel(
    Instant generated,
    Fleet fleet,
    List<RateChart> byLabel,
    RateChart byRunner,
    List<MissCause> misses,
    List<Tier> tiers,
    List<CacheState> caches,
    List<JobRun> jobs,
    List<OpenFinding> findings,
    List<SupplyRow> supply,
    List<RecentBuild> recent) {

  /** Reports counted and their lookups. */
  public record Fleet(long reports, long gets, long hits, long remoteHits) {
    public double hitRate() {
      return gets == 0 ? Double.NaN : (double) hits / gets;
    }
  }

  /** One chart: a series per value of one dimension, over the same buckets of time. */
  public record RateChart(
      String dimension, Instant start, Duration step, List<RateSeries> series) {}

  /** One line of a chart: its name and one point per bucket (gets 0 where nothing was built). */
  public record RateSeries(String name, List<Point> points) {
    public long gets() {
      return points.stream().mapToLong(Point::gets).sum();
    }

    public long hits() {
      return points.stream().mapToLong(Point::hits).sum();
    }
  }

  /** Lookups and hits in one bucket of time. */
  public record Point(long gets, long hits) {}

  /**
   * Misses of one cause.
   *
   * @param cause the stable name ({@code new}, {@code trimmed}, ...)
   * @param count misses counted
   * @param remedy what to do about them
   * @param likely for a cause with several possible origins, each with its own remedy
   */
  public record MissCause(String cause, long count, String remedy, List<Hint> likely) {}

  /** A named possibility and what to do about it. */
  public record Hint(String name, String remedy) {}

  /**
   * A remote tier's lookups and uploads over every report.
   *
   * @param breakerOpenCommands go commands during which its breaker was open
   * @param breakerOpenNow whether the newest report that used it had its breaker open
   */
  public record Tier(
      String tier,
      long hits,
      long misses,
      long errors,
      long timeouts,
      long verifyFailed,
      long rejected,
      long refused,
      long uploadsFailed,
      long uploadsDropped,
      long breakerOpenCommands,
      boolean breakerOpenNow) {
    public long lookups() {
      return hits + misses + errors + timeouts + verifyFailed + rejected;
    }
  }

  /** A watched cache's last refresh: {@code up} false when it could not be read ({@code error}). */
  public record CacheState(
      String name,
      String kind,
      String dir,
      boolean up,
      String error,
      Instant refreshed,
      long sizeBytes,
      long budgetBytes,
      long entries,
      long freeBytes,
      long diskBytes) {}

  /**
   * The last run of a job on one target.
   *
   * @param job the job's name (its page is {@code /jobs/NAME})
   * @param target what it ran on (a cache, a repository, a mirror)
   * @param outcome {@code ok}, {@code findings}, {@code failed}, {@code stopped}, or {@code never}
   * @param summary one line of what it found
   */
  public record JobRun(
      String job, String target, Instant finished, Duration took, String outcome, String summary) {}

  /**
   * A finding still open.
   *
   * @param state {@code new} (first seen by the last run) or {@code still} (seen before too)
   */
  public record OpenFinding(
      String job,
      String target,
      String kind,
      String state,
      Instant since,
      long count,
      String detail,
      String remedy) {}

  /** One fact of the module supply chain: a checksum database's head, a mirror's state. */
  public record SupplyRow(String subject, String what, String state, boolean ok, Instant checked) {}

  /** One build report, as received. */
  public record RecentBuild(
      Instant time, String command, String labels, String runner, long gets, long hits) {}
}
