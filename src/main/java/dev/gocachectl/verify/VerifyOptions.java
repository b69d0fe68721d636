package dev.gocachectl.verify;

import java.time.Duration;

/**
 * How to verify.
 *
 * @param jobs threads for walking and hashing
 * @param settle a problem in a file modified more recently than this may be a live write by a go
 *     process: it is looked at again before it is reported
 * @param recheckDelay how long after the first look the second one happens, at least
 */
public record VerifyOptions(int jobs, Duration settle, Duration recheckDelay) {
  public VerifyOptions {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs < 1: " + jobs);
    }
    if (settle.isNegative() || recheckDelay.isNegative()) {
      throw new IllegalArgumentException("negative duration");
    }
  }

  /** Defaults: one job per core, five minutes, two seconds. */
  public static VerifyOptions defaults() {
    return new VerifyOptions(
        Runtime.getRuntime().availableProcessors(), Duration.ofMinutes(5), Duration.ofSeconds(2));
  }

  public VerifyOptions withJobs(int n) {
    return new VerifyOptions(n, settle, recheckDelay);
  }
}
