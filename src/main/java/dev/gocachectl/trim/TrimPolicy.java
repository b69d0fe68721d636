package dev.gocachectl.trim;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What to trim.
 *
 * @param maxBytes delete least recently used entries until the cache holds at most this many bytes
 * @param maxAge delete entries not used for this long
 * @param keepRecent never delete anything used more recently than this, whatever the budget; a go
 *     process only refreshes a file's mtime when it is over an hour old, so anything younger than
 *     an hour plus the longest build may be in use right now
 * @param dryRun say what would go, delete nothing
 */
public record TrimPolicy(
    Optional<Long> maxBytes, Optional<Duration> maxAge, Duration keepRecent, boolean dryRun) {
  /** Go's own rule of thumb for what another process may still be using ({@code Cache.Close}). */
  public static final Duration DEFAULT_KEEP_RECENT = Duration.ofHours(24);

  /** Go's {@code mtimeInterval}: how stale a "last used" mtime may be. */
  public static final Duration GO_MTIME_INTERVAL = Duration.ofHours(1);

  public TrimPolicy {
    if (maxBytes.isEmpty() && maxAge.isEmpty()) {
      throw new IllegalArgumentException(
          "nothing to trim by: give --max-size, --max-age or --unused-since");
    }
    maxBytes.ifPresent(
        b -> {
          if (b < 0) {
            throw new IllegalArgumentException("--max-size < 0: " + b);
          }
        });
    maxAge.ifPresent(
        a -> {
          if (a.isNegative()) {
            throw new IllegalArgumentException("--max-age < 0: " + a);
          }
        });
    if (keepRecent.isNegative()) {
      throw new IllegalArgumentException("--keep-recent < 0: " + keepRecent);
    }
  }

  /**
   * Keeps what was used since {@code since} (a CI job's start) and deletes the rest: the cut-off is
   * {@code since} less Go's {@code mtimeInterval}, because go refreshes an entry's mtime only when
   * it is at least an hour stale ({@code markUsed} in cmd/go/internal/cache/cache.go), so an entry
   * this job used may carry an mtime up to an hour older than the job. Nothing else is protected
   * ({@code keepRecent} zero unless given): the job's cache copy is its own.
   *
   * @throws IllegalArgumentException when the cut-off is in the future (it would delete entries in
   *     use)
   */
  public static TrimPolicy unusedSince(
      Instant since,
      Instant now,
      Optional<Long> maxBytes,
      Optional<Duration> keepRecent,
      boolean dryRun) {
    Instant cutoff = since.minus(GO_MTIME_INTERVAL);
    if (cutoff.isAfter(now)) {
      throw new IllegalArgumentException(
          "--unused-since "
              + since
              + " is more than an hour after now ("
              + now
              + "); give the job's start time, as 2026-12-08T01:30:00Z or Unix seconds");
    }
    return new TrimPolicy(
        maxBytes,
        Optional.of(Duration.between(cutoff, now)),
        keepRecent.orElse(Duration.ZERO),
        dryRun);
  }

  /** Whether the floor is below Go's mtime granularity, so that files in use may be deleted. */
  public boolean keepRecentBelowGoInterval() {
    return keepRecent.compareTo(GO_MTIME_INTERVAL) < 0;
  }
}
