package dev.gocachectl.stats;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.OutputId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Counts over a cache, from one snapshot; no output is hashed.
 *
 * @param cacheDir the cache
 * @param actions action entry files
 * @param malformedActions of which Go would reject (format or ID)
 * @param outputs output files and executable directories
 * @param executables of which executable directories
 * @param bytes bytes in action entries, outputs and foreign files together
 * @param actionBytes bytes in action entries
 * @param outputBytes bytes in outputs
 * @param ages files and bytes per age bucket (action entries and outputs)
 * @param largest the entries with the largest outputs
 * @param dangling valid entries whose output is missing
 * @param orphans outputs no valid entry names
 * @param orphanBytes their bytes
 * @param foreign files go does not use
 * @param foreignBytes their bytes
 * @param lastTrim when go (or anything) last wrote trim.txt, or null
 * @param testExpire the {@code go clean -testcache} instant, or null
 */
public record CacheStats(
    String cacheDir,
    long actions,
    long malformedActions,
    long outputs,
    long executables,
    long bytes,
    long actionBytes,
    long outputBytes,
    Map<AgeBucket, Band> ages,
    List<Largest> largest,
    long dangling,
    long orphans,
    long orphanBytes,
    long foreign,
    long foreignBytes,
    Instant lastTrim,
    Instant testExpire) {

  /** Files and bytes in one age bucket. */
  public record Band(long files, long bytes) {}

  /** One large entry. */
  public record Largest(
      ActionId action, OutputId output, long size, Instant lastUsed, String kind) {}
}
