package dev.gocachectl.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of {@code job_runs} and {@code findings} (the tables {@link Migrations} shows). */
final class RunTable {
  private RunTable() {}

  private static final String RUN_COLUMNS = "id, job, started_ms, ended_ms, outcome, summary";
  private static final String FINDING_COLUMNS =
      "id, job, kind, subject, message, remedy, first_seen_ms, last_seen_ms, resolved_ms,"
          + " first_run, last_run, resolved_run";

  static RunId start(Connection c, JobName job, long now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO job_runs (job, started_ms) VALUES (?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, job.value());
      s.setLong(2, now);
      s.executeUpdate();
      try (ResultSet k = s.getGeneratedKeys()) {
        if (!k.next()) {
          throw new SQLException("the database gave no id for the new run");
        }
        return new RunId(k.getLong(1));
      }
    }
  }

  static Optional<JobRun> run(Connection c, RunId id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM job_runs WHERE id = ?")) {
      s.setLong(1, id.value());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(run(rs)) : Optional.empty();
      }
    }
  }

  /** See {@link History#finishRun}. */
  static FindingChanges finish(
      Connection c, RunId id, Outcome outcome, String summary, List<Observation> seen, long now)
      throws SQLException {
    JobRun before =
        run(c, id).orElseThrow(() -> new IllegalArgumentException("no run " + id + " in history"));
    if (before.finished()) {
      throw new IllegalStateException(
          "run " + id + " of " + before.job() + " is already finished (" + before.outcome() + ")");
    }
    JobName job = before.job();
    String sum = Texts.cut(summary == null ? "" : summary, Observation.MAX_CHARS);
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE job_runs SET ended_ms = ?, outcome = ?, summary = ? WHERE id = ?")) {
      s.setLong(1, now);
      s.setString(2, outcome.id());
      s.setString(3, sum);
      s.setLong(4, id.value());
      s.executeUpdate();
    }
    Outcome previous = null;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT outcome FROM job_runs WHERE job = ? AND id < ? AND ended_ms IS NOT NULL"
                + " ORDER BY id DESC LIMIT 1")) {
      s.setString(1, job.value());
      s.setLong(2, id.value());
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          previous = Outcome.ofId(rs.getString(1));
        }
      }
    }
    Map<List<String>, Finding> open = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT "
                + FINDING_COLUMNS
                + " FROM findings WHERE job = ? AND resolved_ms IS NULL ORDER BY id")) {
      s.setString(1, job.value());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Finding f = finding(rs);
          open.put(List.of(f.kind(), f.subject()), f);
        }
      }
    }
    Map<List<String>, Observation> byKey = new LinkedHashMap<>();
    for (Observation o : seen) {
      byKey.put(List.of(o.kind(), o.subject()), o); // the last word on one key wins
    }
    Instant at = Instant.ofEpochMilli(now);
    List<Finding> opened = new ArrayList<>();
    try (PreparedStatement again =
            c.prepareStatement(
                "UPDATE findings SET last_seen_ms = ?, last_run = ?, message = ?, remedy = ?"
                    + " WHERE id = ?");
        PreparedStatement add =
            c.prepareStatement(
                "INSERT INTO findings (job, kind, subject, message, remedy, first_seen_ms,"
                    + " last_seen_ms, first_run, last_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
      boolean anyAgain = false;
      for (var e : byKey.entrySet()) {
        Observation o = e.getValue();
        Finding f = open.remove(e.getKey());
        if (f != null) {
          again.setLong(1, now);
          again.setLong(2, id.value());
          again.setString(3, o.message());
          again.setString(4, o.remedy());
          again.setLong(5, f.id().value());
          again.addBatch();
          anyAgain = true;
          continue;
        }
        add.setString(1, job.value());
        add.setString(2, o.kind());
        add.setString(3, o.subject());
        add.setString(4, o.message());
        add.setString(5, o.remedy());
        add.setLong(6, now);
        add.setLong(7, now);
        add.setLong(8, id.value());
        add.setLong(9, id.value());
        add.executeUpdate();
        try (ResultSet k = add.getGeneratedKeys()) {
          if (!k.next()) {
            throw new SQLException("the database gave no id for a new finding");
          }
          opened.add(
              new Finding(
                  new FindingId(k.getLong(1)),
                  job,
                  o.kind(),
                  o.subject(),
                  o.message(),
                  o.remedy(),
                  at,
                  at,
                  null,
                  id,
                  id,
                  null));
        }
      }
      if (anyAgain) {
        again.executeBatch();
      }
    }
    List<Finding> resolved = new ArrayList<>();
    if (outcome.complete() && !open.isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE findings SET resolved_ms = ?, resolved_run = ? WHERE id = ?")) {
        for (Finding f : open.values()) {
          s.setLong(1, now);
          s.setLong(2, id.value());
          s.setLong(3, f.id().value());
          s.addBatch();
          resolved.add(
              new Finding(
                  f.id(),
                  f.job(),
                  f.kind(),
                  f.subject(),
                  f.message(),
                  f.remedy(),
                  f.firstSeen(),
                  f.lastSeen(),
                  at,
                  f.firstRun(),
                  f.lastRun(),
                  id));
        }
        s.executeBatch();
      }
    }
    JobRun after = new JobRun(id, job, before.started(), at, outcome, sum);
    return new FindingChanges(after, previous, opened, resolved);
  }

  static Page<JobRun> runs(Connection c, JobName job, PageRequest p) throws SQLException {
    String sql =
        "SELECT "
            + RUN_COLUMNS
            + " FROM job_runs WHERE job = ?"
            + (p.before() == null ? "" : " AND id < ?")
            + " ORDER BY id DESC LIMIT ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      s.setString(i++, job.value());
      if (p.before() != null) {
        s.setLong(i++, p.before().value());
      }
      return Paging.read(s, i, p, RunTable::run, r -> r.id().value());
    }
  }

  static List<JobRun> lastRuns(Connection c) throws SQLException {
    List<JobRun> out = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + RUN_COLUMNS
                    + " FROM job_runs WHERE id IN (SELECT MAX(id) FROM job_runs GROUP BY job)"
                    + " ORDER BY job");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(run(rs));
      }
    }
    return out;
  }

  static List<Finding> open(Connection c) throws SQLException {
    List<Finding> out = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + FINDING_COLUMNS
                    + " FROM findings WHERE resolved_ms IS NULL ORDER BY job, id");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(finding(rs));
      }
    }
    return out;
  }

  static Page<Finding> findings(Connection c, FindingFilter filter, PageRequest p)
      throws SQLException {
    String sql =
        "SELECT "
            + FINDING_COLUMNS
            + " FROM findings WHERE resolved_ms IS "
            + (filter == FindingFilter.OPEN ? "NULL" : "NOT NULL")
            + (p.before() == null ? "" : " AND id < ?")
            + " ORDER BY id DESC LIMIT ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      if (p.before() != null) {
        s.setLong(i++, p.before().value());
      }
      return Paging.read(s, i, p, RunTable::finding, f -> f.id().value());
    }
  }

  /** Keeps the newest {@code keep} runs of each job; returns how many were removed. */
  static int prune(Connection c, int keep) throws SQLException {
    List<String> jobs = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT job FROM job_runs");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        jobs.add(rs.getString(1));
      }
    }
    int removed = 0;
    for (String job : jobs) {
      long cut = 0;
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT id FROM job_runs WHERE job = ? ORDER BY id DESC LIMIT 1 OFFSET ?")) {
        s.setString(1, job);
        s.setInt(2, keep);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            cut = rs.getLong(1);
          }
        }
      }
      if (cut > 0) {
        try (PreparedStatement d =
            c.prepareStatement("DELETE FROM job_runs WHERE job = ? AND id <= ?")) {
          d.setString(1, job);
          d.setLong(2, cut);
          removed += d.executeUpdate();
        }
      }
    }
    return removed;
  }

  /** Removes findings resolved before {@code cutoff}. */
  static int pruneResolved(Connection c, long cutoff) throws SQLException {
    try (PreparedStatement d = c.prepareStatement("DELETE FROM findings WHERE resolved_ms < ?")) {
      d.setLong(1, cutoff);
      return d.executeUpdate();
    }
  }

  private static JobRun run(ResultSet rs) throws SQLException {
    long ended = rs.getLong(4);
    boolean done = !rs.wasNull();
    String outcome = rs.getString(5);
    return new JobRun(
        new RunId(rs.getLong(1)),
        new JobName(rs.getString(2)),
        Instant.ofEpochMilli(rs.getLong(3)),
        done ? Instant.ofEpochMilli(ended) : null,
        outcome == null ? null : Outcome.ofId(outcome),
        rs.getString(6));
  }

  private static Finding finding(ResultSet rs) throws SQLException {
    long resolved = rs.getLong(9);
    boolean isResolved = !rs.wasNull();
    long by = rs.getLong(12);
    boolean hasBy = !rs.wasNull();
    return new Finding(
        new FindingId(rs.getLong(1)),
        new JobName(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        Instant.ofEpochMilli(rs.getLong(7)),
        Instant.ofEpochMilli(rs.getLong(8)),
        isResolved ? Instant.ofEpochMilli(resolved) : null,
        new RunId(rs.getLong(10)),
        new RunId(rs.getLong(11)),
        hasBy ? new RunId(by) : null);
  }
}
