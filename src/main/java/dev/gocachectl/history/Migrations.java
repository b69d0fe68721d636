package dev.gocachectl.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The history's schema, as numbered steps applied in order in one transaction together with their
 * rows in {@code schema_version}, so that a database is always at one version. A step is never
 * changed once released: a new one is added. A database at a version newer than this code knows is
 * refused (an older gocachectl must not write a newer schema). With PostgreSQL, serves that start
 * together take an advisory lock, so one applies the steps and the others find them applied.
 *
 * <h2>Schema (version 1)</h2>
 *
 * <pre>
 * schema_version(version, what, applied_ms)
 * reports(seq, id UNIQUE, arrived_ms, time_ms, gets, hits, remote_hits, misses,
 *         miss_new, miss_trimmed, miss_dangling, miss_invalid, wall_ms, line)
 *     seq orders the list (newest first, the cursor); id is the report's own ID, so a report
 *     sent twice is stored once; line is the report as BuildReport.toJsonLine writes it;
 *     times are Unix milliseconds (time_ms: the build's, arrived_ms: serve's)
 * report_labels(report_id, name, value, time_ms, arrived_ms, gets, hits, remote_hits, misses)
 *     one row per label of a report, with the report's counts, so that hit rates by label
 *     are read from one indexed table
 * job_runs(id, job, started_ms, ended_ms, outcome, summary)
 *     ended_ms, outcome and summary null while the run is not finished
 * findings(id, job, kind, subject, message, remedy, first_seen_ms, last_seen_ms,
 *          resolved_ms, first_run, last_run, resolved_run)
 *     at most one open finding (resolved_ms null) per job, kind and subject
 * </pre>
 */
final class Migrations {
  private Migrations() {}

  /** One step: its version, what it does, its statements ({@code {id}}: the dialect's key). */
  record Step(int version, String what, List<String> statements) {}

  /** PostgreSQL's advisory lock key for migrations ("gocachectl history" in a number). */
  private static final long LOCK_KEY = 0x676f636163686531L;

  static final List<Step> STEPS =
      List.of(
          new Step(
              1,
              "reports, labels, job runs and findings",
              List.of(
                  """
                  CREATE TABLE reports (
                    seq {id},
                    id TEXT NOT NULL UNIQUE,
                    arrived_ms BIGINT NOT NULL,
                    time_ms BIGINT NOT NULL,
                    gets BIGINT NOT NULL,
                    hits BIGINT NOT NULL,
                    remote_hits BIGINT NOT NULL,
                    misses BIGINT NOT NULL,
                    miss_new BIGINT NOT NULL,
                    miss_trimmed BIGINT NOT NULL,
                    miss_dangling BIGINT NOT NULL,
                    miss_invalid BIGINT NOT NULL,
                    wall_ms BIGINT NOT NULL,
                    line TEXT NOT NULL)""",
                  "CREATE INDEX reports_time ON reports (time_ms)",
                  "CREATE INDEX reports_arrived ON reports (arrived_ms)",
                  """
                  CREATE TABLE report_labels (
                    report_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    value TEXT NOT NULL,
                    time_ms BIGINT NOT NULL,
                    arrived_ms BIGINT NOT NULL,
                    gets BIGINT NOT NULL,
                    hits BIGINT NOT NULL,
                    remote_hits BIGINT NOT NULL,
                    misses BIGINT NOT NULL,
                    PRIMARY KEY (report_id, name))""",
                  "CREATE INDEX report_labels_name_time ON report_labels (name, time_ms)",
                  "CREATE INDEX report_labels_arrived ON report_labels (arrived_ms)",
                  """
                  CREATE TABLE job_runs (
                    id {id},
                    job TEXT NOT NULL,
                    started_ms BIGINT NOT NULL,
                    ended_ms BIGINT,
                    outcome TEXT,
                    summary TEXT)""",
                  "CREATE INDEX job_runs_job ON job_runs (job, id)",
                  """
                  CREATE TABLE findings (
                    id {id},
                    job TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    message TEXT NOT NULL,
                    remedy TEXT NOT NULL,
                    first_seen_ms BIGINT NOT NULL,
                    last_seen_ms BIGINT NOT NULL,
                    resolved_ms BIGINT,
                    first_run BIGINT NOT NULL,
                    last_run BIGINT NOT NULL,
                    resolved_run BIGINT)""",
                  "CREATE UNIQUE INDEX findings_open ON findings (job, kind, subject)"
                      + " WHERE resolved_ms IS NULL",
                  "CREATE INDEX findings_resolved ON findings (resolved_ms)")),
          new Step(
              2,
              "covering indexes for the page's hit rates",
              List.of(
                  // the hit rates read these columns only: from the index, never the wide rows
                  "CREATE INDEX reports_rates ON reports (time_ms, gets, hits, remote_hits, misses)",
                  "CREATE INDEX report_labels_rates ON report_labels"
                      + " (name, time_ms, value, gets, hits, remote_hits, misses)")));

  /** The version this code writes. */
  static int latest() {
    return STEPS.getLast().version();
  }

  /** Brings the database to {@link #latest}; returns the version it was at. */
  static int apply(Connection c, Database.Dialect d, long nowMillis) throws SQLException {
    try (Statement s = c.createStatement()) {
      if (d == Database.Dialect.POSTGRES) {
        s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
      }
      s.execute(
          "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
              + " what TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
    }
    int at = 0;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
      if (r.next()) {
        at = r.getInt(1);
      }
    }
    if (at > latest()) {
      throw new SQLException(
          "its schema is version "
              + at
              + ", newer than this gocachectl knows ("
              + latest()
              + "): run a gocachectl at least as new as the one that wrote it");
    }
    for (Step step : STEPS) {
      if (step.version() <= at) {
        continue;
      }
      try (Statement s = c.createStatement()) {
        for (String sql : step.statements()) {
          s.execute(d.sql(sql));
        }
      }
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO schema_version (version, what, applied_ms) VALUES (?, ?, ?)")) {
        p.setInt(1, step.version());
        p.setString(2, step.what());
        p.setLong(3, nowMillis);
        p.executeUpdate();
      }
    }
    return at;
  }
}
