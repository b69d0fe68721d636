package dev.gocachectl.history;

import dev.gocachectl.prog.BuildReport;
import dev.gocachectl.prog.MissKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The SQL of {@code reports} and {@code report_labels} (the tables {@link Migrations} shows). */
final class ReportTable {
  private ReportTable() {}

  /** The group of the label values past a hit-rate query's bound. */
  static final String OTHER = "other";

  /** Inserts the reports not stored yet (by ID), in one batch; returns how many were new. */
  static int insert(Connection c, List<BuildReport> reports, long arrivedMs) throws SQLException {
    int added = 0;
    try (PreparedStatement r =
            c.prepareStatement(
                "INSERT INTO reports (id, arrived_ms, time_ms, gets, hits, remote_hits, misses,"
                    + " miss_new, miss_trimmed, miss_dangling, miss_invalid, wall_ms, line)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING");
        PreparedStatement l =
            c.prepareStatement(
                "INSERT INTO report_labels (report_id, name, value, time_ms, arrived_ms, gets,"
                    + " hits, remote_hits, misses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (report_id, name) DO NOTHING")) {
      boolean anyLabel = false;
      for (BuildReport b : reports) {
        var n = b.counts();
        String id = b.id().toString();
        long time = b.time().toEpochMilli();
        long misses = n.missCount();
        r.setString(1, id);
        r.setLong(2, arrivedMs);
        r.setLong(3, time);
        r.setLong(4, n.gets());
        r.setLong(5, n.hits());
        r.setLong(6, n.remoteHits());
        r.setLong(7, misses);
        r.setLong(8, n.misses().getOrDefault(MissKind.NEW, 0L));
        r.setLong(9, n.misses().getOrDefault(MissKind.TRIMMED, 0L));
        r.setLong(10, n.misses().getOrDefault(MissKind.DANGLING, 0L));
        r.setLong(11, n.misses().getOrDefault(MissKind.INVALID, 0L));
        r.setLong(12, b.wallMillis());
        r.setString(13, b.toJsonLine().strip());
        r.addBatch();
        for (var e : b.labels().entrySet()) {
          l.setString(1, id);
          l.setString(2, e.getKey());
          l.setString(3, e.getValue());
          l.setLong(4, time);
          l.setLong(5, arrivedMs);
          l.setLong(6, n.gets());
          l.setLong(7, n.hits());
          l.setLong(8, n.remoteHits());
          l.setLong(9, misses);
          l.addBatch();
          anyLabel = true;
        }
      }
      for (int k : r.executeBatch()) {
        added += k > 0 ? k : 0;
      }
      if (anyLabel) {
        l.executeBatch();
      }
    }
    return added;
  }

  static Page<StoredReport> page(Connection c, PageRequest p) throws SQLException {
    String sql =
        "SELECT seq, arrived_ms, line FROM reports"
            + (p.before() == null ? "" : " WHERE seq < ?")
            + " ORDER BY seq DESC LIMIT ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      if (p.before() != null) {
        s.setLong(i++, p.before().value());
      }
      return Paging.read(s, i, p, ReportTable::stored, r -> r.cursor().value());
    }
  }

  private static StoredReport stored(ResultSet rs) throws SQLException {
    try {
      return new StoredReport(
          new Cursor(rs.getLong(1)),
          Instant.ofEpochMilli(rs.getLong(2)),
          BuildReport.parse(rs.getString(3)));
    } catch (BuildReport.MalformedException e) {
      return null; // written by serve from a parsed report: only a damaged row gets here
    }
  }

  static long count(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM reports");
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** See {@link History#hitRates}. */
  static List<HitRatePoint> hitRates(
      Connection c, long from, long to, long bucket, String label, int maxGroups)
      throws SQLException {
    String sql =
        label == null
            ? "SELECT (time_ms - ?) / ? AS b, '' AS g, COUNT(*), SUM(gets), SUM(hits),"
                + " SUM(remote_hits), SUM(misses) FROM reports WHERE time_ms >= ? AND time_ms < ?"
                + " GROUP BY b ORDER BY b"
            : "SELECT (time_ms - ?) / ? AS b, value AS g, COUNT(*), SUM(gets), SUM(hits),"
                + " SUM(remote_hits), SUM(misses) FROM report_labels WHERE name = ?"
                + " AND time_ms >= ? AND time_ms < ? GROUP BY b, value ORDER BY b, value";
    List<HitRatePoint> rows = new ArrayList<>();
    Map<String, Long> weight = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      s.setLong(i++, from);
      s.setLong(i++, bucket);
      if (label != null) {
        s.setString(i++, label);
      }
      s.setLong(i++, from);
      s.setLong(i, to);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          HitRatePoint p =
              new HitRatePoint(
                  Instant.ofEpochMilli(from + rs.getLong(1) * bucket),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  rs.getLong(7));
          rows.add(p);
          weight.merge(p.group(), p.builds(), Long::sum);
        }
      }
    }
    if (weight.size() <= maxGroups) {
      return rows;
    }
    List<String> keep =
        weight.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(Math.max(0, maxGroups - 1))
            .map(Map.Entry::getKey)
            .toList();
    // the rest, bucket by bucket, as one group
    Map<Instant, Map<String, HitRatePoint>> merged = new TreeMap<>();
    for (HitRatePoint p : rows) {
      String g = keep.contains(p.group()) ? p.group() : OTHER;
      merged
          .computeIfAbsent(p.start(), k -> new LinkedHashMap<>())
          .merge(
              g,
              new HitRatePoint(
                  p.start(), g, p.builds(), p.gets(), p.hits(), p.remoteHits(), p.misses()),
              (a, b) ->
                  new HitRatePoint(
                      a.start(),
                      g,
                      a.builds() + b.builds(),
                      a.gets() + b.gets(),
                      a.hits() + b.hits(),
                      a.remoteHits() + b.remoteHits(),
                      a.misses() + b.misses()));
    }
    List<HitRatePoint> out = new ArrayList<>();
    merged.values().forEach(m -> out.addAll(m.values()));
    return out;
  }

  static Map<MissKind, Long> misses(Connection c, long from, long to) throws SQLException {
    Map<MissKind, Long> m = new EnumMap<>(MissKind.class);
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT SUM(miss_new), SUM(miss_trimmed), SUM(miss_dangling), SUM(miss_invalid)"
                + " FROM reports WHERE time_ms >= ? AND time_ms < ?")) {
      s.setLong(1, from);
      s.setLong(2, to);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        m.put(MissKind.NEW, rs.getLong(1));
        m.put(MissKind.TRIMMED, rs.getLong(2));
        m.put(MissKind.DANGLING, rs.getLong(3));
        m.put(MissKind.INVALID, rs.getLong(4));
      }
    }
    return m;
  }

  /** Removes up to {@code batch} of the oldest reports that arrived before {@code cutoff}. */
  static int prune(Connection c, long cutoff, int batch) throws SQLException {
    String chosen =
        "SELECT id FROM reports WHERE arrived_ms < ? ORDER BY seq LIMIT " + Math.max(1, batch);
    try (PreparedStatement l =
            c.prepareStatement("DELETE FROM report_labels WHERE report_id IN (" + chosen + ")");
        PreparedStatement r =
            c.prepareStatement("DELETE FROM reports WHERE id IN (" + chosen + ")")) {
      l.setLong(1, cutoff);
      l.executeUpdate();
      r.setLong(1, cutoff);
      return r.executeUpdate();
    }
  }
}
