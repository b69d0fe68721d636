package dev.gocachectl.history;

import dev.gocachectl.prog.BuildReport;
import dev.gocachectl.prog.MissKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * serve's history: every build report it took, every job run and the findings over time, in a
 * database. Embedded SQLite by default ({@link #DEFAULT_FILE} in serve's data directory, WAL), or
 * PostgreSQL by JDBC URL so that several serves share one history. The schema is {@link
 * Migrations}'s, brought up to date when the history opens.
 *
 * <h2>API</h2>
 *
 * <ul>
 *   <li>Reports: {@link #addReports(List, Instant)} stores a request's reports in one transaction
 *       (a report already stored, by its ID, is skipped; returns how many were new); {@link
 *       #reports(PageRequest)} reads them newest first ({@link Page#next} continues); {@link
 *       #reportCount()}.
 *   <li>Jobs: {@link #startRun(JobName)} → {@link RunId}; {@link #finishRun(RunId, Outcome, String,
 *       List)} with the run's {@link Observation}s → {@link FindingChanges} (the findings it opened
 *       and resolved, and the job's previous outcome: what notifications announce); {@link
 *       #runs(JobName, PageRequest)} newest first; {@link #run(RunId)}; {@link #lastRuns()} (the
 *       newest run of every job).
 *   <li>Findings: {@link #openFindings()}; {@link #findings(FindingFilter, PageRequest)} open or
 *       resolved, newest first. A finding is keyed by job, kind and subject; it is {@link
 *       FindingState#NEW} in the run that first saw it, {@link FindingState#PRESENT} while later
 *       runs see it, and {@link FindingState#RESOLVED} when a complete run ({@link
 *       Outcome#complete()}: ok or findings) no longer does. A failed or timed-out run resolves
 *       nothing (it may not have looked). A resolved problem that comes back is a new finding.
 *   <li>Aggregates for the page: {@link #hitRates(Instant, Instant, Duration, String, int)} (the
 *       fleet's, or by a label's value, as {@code repo}, or {@code runner} where reports carry that
 *       label; time buckets by the build's time) and {@link #missesByCause(Instant, Instant)}.
 *   <li>Upkeep: {@link #prune()} applies the {@link Retention}; {@link #health()} says whether the
 *       last write (or read) failed and why, and {@link #failures()} counts failures by {@link
 *       HistoryException.Problem}, for {@code /healthz} and the metrics.
 * </ul>
 *
 * <p>Every method is safe to call from any thread. A failure is a {@link HistoryException} that
 * names the database and says what to do; nothing is half-written (every write is one transaction).
 * With SQLite a committed transaction survives serve being killed and a power cut (WAL, {@code
 * synchronous=FULL}: one flush per commit, as the report journal's group commit).
 */
public final class History implements AutoCloseable {
  /** The SQLite file in serve's data directory. */
  public static final String DEFAULT_FILE = "history.db";

  /** Reports removed per transaction by {@link #prune}, so that ingestion waits little. */
  static final int PRUNE_BATCH = 5000;

  /** The most time buckets one {@link #hitRates} call may ask for. */
  public static final int MAX_BUCKETS = 10_000;

  /** Whether the history works: null {@code problem} when it does. */
  public record Health(HistoryException.Problem problem, String message, Instant since) {
    public boolean ok() {
      return problem == null;
    }
  }

  /** What {@link #prune} removed. */
  public record Pruned(long reports, long runs, long findings) {}

  private static final Health OK = new Health(null, null, null);

  private final Database db;
  private final Retention retention;
  private final Clock clock;
  private final Map<HistoryException.Problem, Long> failures =
      new EnumMap<>(HistoryException.Problem.class);
  private volatile Health health = OK;
  private boolean healthFromRead;

  private History(Database db, Retention retention, Clock clock) {
    this.db = db;
    this.retention = retention;
    this.clock = clock;
  }

  /**
   * Opens the history at a JDBC URL ({@code jdbc:sqlite:FILE} or {@code
   * jdbc:postgresql://HOST:PORT/DB?user=...}) and brings its schema up to date.
   */
  public static History open(String jdbcUrl, Retention retention, Clock clock)
      throws HistoryException {
    return open(Database.of(jdbcUrl), retention, clock);
  }

  /** Opens (creating) the SQLite history in {@code file}. */
  public static History openSqlite(Path file, Retention retention, Clock clock)
      throws HistoryException {
    return open(Database.sqlite(file), retention, clock);
  }

  private static History open(Database db, Retention retention, Clock clock)
      throws HistoryException {
    try {
      db.write(
          "bring its schema up to date", c -> Migrations.apply(c, db.dialect(), clock.millis()));
    } catch (HistoryException e) {
      db.close();
      throw e;
    }
    return new History(db, retention, clock);
  }

  /** The database as messages name it (never with a password). */
  public String where() {
    return db.where();
  }

  public Retention retention() {
    return retention;
  }

  /** Stores the reports not stored yet, in one transaction; returns how many were new. */
  public int addReports(List<BuildReport> reports, Instant arrived) throws HistoryException {
    if (reports.isEmpty()) {
      return 0;
    }
    return write(
        "store " + reports.size() + " build report(s)",
        c -> ReportTable.insert(c, reports, arrived.toEpochMilli()));
  }

  /** Stored reports, newest first (in the order they were stored). */
  public Page<StoredReport> reports(PageRequest page) throws HistoryException {
    return read("read build reports", c -> ReportTable.page(c, page));
  }

  public long reportCount() throws HistoryException {
    return read("count build reports", ReportTable::count);
  }

  /** Records that a run of {@code job} starts now. */
  public RunId startRun(JobName job) throws HistoryException {
    long now = clock.millis();
    return write("record a run of " + job, c -> RunTable.start(c, job, now));
  }

  /**
   * Records how a run ended and what it saw, and updates the job's findings (see the class
   * comment); returns what changed. {@code summary} is one line for people (cut at 2,000
   * characters).
   *
   * @throws IllegalArgumentException no such run
   * @throws IllegalStateException the run is already finished
   */
  public FindingChanges finishRun(
      RunId run, Outcome outcome, String summary, List<Observation> observations)
      throws HistoryException {
    long now = clock.millis();
    return write(
        "record the end of run " + run,
        c -> RunTable.finish(c, run, outcome, summary, observations, now));
  }

  public Optional<JobRun> run(RunId id) throws HistoryException {
    return read("read run " + id, c -> RunTable.run(c, id));
  }

  /** A job's runs, newest first. */
  public Page<JobRun> runs(JobName job, PageRequest page) throws HistoryException {
    return read("read the runs of " + job, c -> RunTable.runs(c, job, page));
  }

  /** The newest run of every job that ever ran, by job name. */
  public List<JobRun> lastRuns() throws HistoryException {
    return read("read the last runs", RunTable::lastRuns);
  }

  /** Every open finding (new or present), by job, oldest first. */
  public List<Finding> openFindings() throws HistoryException {
    return read("read the open findings", RunTable::open);
  }

  /** Open or resolved findings, newest first. */
  public Page<Finding> findings(FindingFilter filter, PageRequest page) throws HistoryException {
    return read("read findings", c -> RunTable.findings(c, filter, page));
  }

  /**
   * Lookups per time bucket of {@code bucket}, from {@code from} (inclusive) to {@code to}
   * (exclusive), by the build's time: one point per bucket that has reports (a bucket without
   * reports has no point) and group. {@code label} null: the fleet's, group {@code ""}; otherwise
   * grouped by that label's value (reports without the label are left out), the {@code maxGroups -
   * 1} groups with the most builds kept apart and the rest summed as {@code other}.
   *
   * @throws IllegalArgumentException more than {@link #MAX_BUCKETS} buckets, or none
   */
  public List<HitRatePoint> hitRates(
      Instant from, Instant to, Duration bucket, String label, int maxGroups)
      throws HistoryException {
    long f = from.toEpochMilli();
    long t = to.toEpochMilli();
    long b = bucket.toMillis();
    if (b <= 0 || t <= f || (t - f) / b >= MAX_BUCKETS) {
      throw new IllegalArgumentException(
          "hit rates from "
              + from
              + " to "
              + to
              + " by "
              + bucket
              + ": expected a positive bucket, from before to, and at most "
              + MAX_BUCKETS
              + " buckets");
    }
    if (maxGroups < 1) {
      throw new IllegalArgumentException("maxGroups must be at least 1: " + maxGroups);
    }
    return read("read hit rates", c -> ReportTable.hitRates(c, f, t, b, label, maxGroups));
  }

  /** Misses by cause from the reports whose build time is in {@code [from, to)}. */
  public Map<MissKind, Long> missesByCause(Instant from, Instant to) throws HistoryException {
    return read(
        "read misses by cause", c -> ReportTable.misses(c, from.toEpochMilli(), to.toEpochMilli()));
  }

  /**
   * Applies the {@link Retention}: reports that arrived before now minus its age (in transactions
   * of {@value #PRUNE_BATCH}), findings resolved before then, runs past the number kept per job.
   */
  public Pruned prune() throws HistoryException {
    long cutoff = clock.millis() - retention.reportAge().toMillis();
    long reports = 0;
    int n;
    do {
      n = write("remove old build reports", c -> ReportTable.prune(c, cutoff, PRUNE_BATCH));
      reports += n;
    } while (n == PRUNE_BATCH);
    int runs = write("remove old job runs", c -> RunTable.prune(c, retention.runsPerJob()));
    int findings = write("remove old findings", c -> RunTable.pruneResolved(c, cutoff));
    return new Pruned(reports, runs, findings);
  }

  /** The state after the last operation: failing since when, and why. */
  public Health health() {
    return health;
  }

  /** Failures since the history opened, by problem. */
  public Map<HistoryException.Problem, Long> failures() {
    synchronized (failures) {
      return Map.copyOf(failures);
    }
  }

  private <T> T write(String doing, Database.Work<T> work) throws HistoryException {
    return track(doing, work, true);
  }

  private <T> T read(String doing, Database.Work<T> work) throws HistoryException {
    return track(doing, work, false);
  }

  private <T> T track(String doing, Database.Work<T> work, boolean write) throws HistoryException {
    T t;
    try {
      t = write ? db.write(doing, work) : db.read(doing, work);
    } catch (HistoryException e) {
      synchronized (failures) {
        failures.merge(e.problem(), 1L, Long::sum);
        Health h = health;
        health = new Health(e.problem(), e.getMessage(), h.ok() ? clock.instant() : h.since());
        healthFromRead = !write;
      }
      throw e;
    }
    if (!health.ok() && (write || healthFromRead)) {
      synchronized (failures) {
        health = OK;
      }
    }
    return t;
  }

  @Override
  public void close() {
    db.close();
  }
}
