package dev.gocachectl.serve;

import dev.gocachectl.history.Retention;
import java.time.Duration;

/**
 * Where serve keeps its history and for how long.
 *
 * @param databaseUrl a JDBC URL ({@code jdbc:postgresql://HOST:PORT/DB}, for serves that share one
 *     history), or null for the SQLite file {@code history.db} in the data directory
 * @param retention what {@link dev.gocachectl.history.History#prune} keeps
 * @param pruneEvery how often it prunes
 */
public record HistoryOptions(String databaseUrl, Retention retention, Duration pruneEvery) {
  public static final Duration DEFAULT_PRUNE_EVERY = Duration.ofHours(1);

  /** SQLite in the data directory, the default retention, pruned hourly. */
  public static final HistoryOptions DEFAULT =
      new HistoryOptions(null, Retention.DEFAULT, DEFAULT_PRUNE_EVERY);

  public HistoryOptions {
    if (pruneEvery.isNegative() || pruneEvery.isZero()) {
      throw new IllegalArgumentException("the prune interval must be positive: " + pruneEvery);
    }
  }
}
