package dev.gocachectl.notify;

import java.time.Duration;

/**
 * How a delivery is tried: up to {@code attempts} times, waiting {@code firstWait} after the first
 * failure and twice as long after each next one, at most {@code maxWait}; each attempt bounded by
 * {@code timeout} from connecting to the end of the answer (a receiver that hangs is given up on);
 * at most {@code queue} notifications waiting per webhook (more are dropped and counted, so a job
 * never waits for a receiver).
 */
public record RetryPolicy(
    int attempts, Duration firstWait, Duration maxWait, Duration timeout, int queue) {
  /** 6 attempts over about a minute (1, 2, 4, 8, 16 s apart), 10 s each, 1000 queued. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(
          6, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10), 1000);

  public RetryPolicy {
    if (attempts < 1 || queue < 1 || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "a retry policy needs at least one attempt, a queue and a positive timeout");
    }
  }

  /** The wait after failed attempt {@code n} (1-based). */
  Duration waitAfter(int n) {
    Duration d = firstWait;
    for (int i = 1; i < n && d.compareTo(maxWait) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxWait) > 0 ? maxWait : d;
  }
}
