package dev.gocachectl.config;

import java.time.Duration;
import java.util.List;

/**
 * One job of the config: a name (for the API, the metrics' {@code job} label and the history), what
 * it does, when, how long it may run, and what it looks at.
 *
 * @param name 1 to 64 letters, digits, '.', '_' or '-'
 * @param kind what it does
 * @param schedule when it runs by itself (it can also be started by {@code POST
 *     /api/jobs/NAME/run})
 * @param maxDuration past this the run is interrupted and recorded as timed out
 * @param targets the names, in the section {@link JobKind#section()}, it runs over (never empty:
 *     all of the section when the config names none)
 * @param shards verify: the share of each cache checked per run is 1/shards (1: all of it)
 * @param repair verify and mod-verify: what to do with what is condemned
 * @param budgetBytes trim: the size to trim to (0: each cache's own budget)
 * @param keepRecent trim: entries used this recently are never removed
 * @param sample remote-scrub: records fetched and checked per store per run
 * @param ratePerSecond remote-scrub: records fetched per second at most
 */
public record JobSpec(
    String name,
    JobKind kind,
    Schedule schedule,
    Duration maxDuration,
    List<String> targets,
    int shards,
    RepairPolicy repair,
    long budgetBytes,
    Duration keepRecent,
    int sample,
    double ratePerSecond) {
  public static final int DEFAULT_SAMPLE = 100;
  public static final double DEFAULT_RATE = 20;
  public static final Duration DEFAULT_KEEP_RECENT = Duration.ofHours(1);

  public JobSpec {
    targets = List.copyOf(targets);
    if (!Names.valid(name)) {
      throw new IllegalArgumentException(Names.rule("job name", name));
    }
  }
}
