package dev.gocachectl.config;

import java.time.Duration;

/**
 * Where serve keeps the history of job runs, findings and build reports ({@code history:}), and for
 * how long; {@code serve --history-db}, {@code --keep-reports} and {@code --keep-runs} take
 * precedence.
 *
 * @param url a JDBC URL: {@code jdbc:sqlite:FILE} or {@code
 *     jdbc:postgresql://HOST:PORT/DATABASE?user=NAME} (the password from {@code ~/.pgpass} or
 *     {@code PGPASSFILE}, never the file); null: the SQLite file {@code history.db} in the data
 *     directory
 * @param retention build reports (and resolved findings) older than this are deleted
 * @param runsPerJob the newest runs kept of each job
 */
public record HistoryConfig(String url, Duration retention, int runsPerJob) {
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
  public static final int DEFAULT_RUNS_PER_JOB = 10_000;

  public static HistoryConfig defaults() {
    return new HistoryConfig(null, DEFAULT_RETENTION, DEFAULT_RUNS_PER_JOB);
  }

  /** Whether the history is a PostgreSQL database (else SQLite). */
  public boolean postgres() {
    return url != null && url.startsWith("jdbc:postgresql://");
  }
}
