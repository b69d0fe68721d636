package dev.gocachectl.verify;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a verify run found.
 *
 * @param cacheDir the cache verified
 * @param findings every finding, problems first, then by kind and path
 * @param actions action entries looked at
 * @param outputs outputs hashed
 * @param bytesHashed bytes hashed
 * @param liveWrites problems dropped because the file changed between two looks (a go process was
 *     writing it)
 * @param elapsed wall time
 */
public record VerifyReport(
    String cacheDir,
    List<Finding> findings,
    long actions,
    long outputs,
    long bytesHashed,
    int liveWrites,
    Duration elapsed) {

  /** What to do when a verify found problems, wherever its result is shown. */
  public static final String REMEDY =
      "run 'gocachectl repair' to remove the broken entries; go rebuilds exactly those";

  /** Count per kind, every kind present (zero when none). */
  public Map<FindingKind, Integer> counts() {
    Map<FindingKind, Integer> counts = new EnumMap<>(FindingKind.class);
    for (FindingKind k : FindingKind.values()) {
      counts.put(k, 0);
    }
    for (Finding f : findings) {
      counts.merge(f.kind(), 1, Integer::sum);
    }
    return counts;
  }

  /** The findings that are problems. */
  public List<Finding> problems() {
    return findings.stream().filter(f -> f.kind().isProblem()).toList();
  }

  /** Whether any finding is a problem. */
  public boolean hasProblems() {
    return findings.stream().anyMatch(f -> f.kind().isProblem());
  }

  /** Hashing throughput in bytes per second over the whole run. */
  public double bytesPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s > 0 ? bytesHashed / s : 0;
  }
}
