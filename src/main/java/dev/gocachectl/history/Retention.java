package dev.gocachectl.history;

import java.time.Duration;

/**
 * What {@link History#prune} keeps: build reports that arrived within {@code reportAge}, resolved
 * findings resolved within it, and the newest {@code runsPerJob} runs of each job (with the
 * findings opened by older runs kept while they are open).
 */
public record Retention(Duration reportAge, int runsPerJob) {
  /** 90 days of reports; 10,000 runs a job (a year of hourly runs fits). */
  public static final Retention DEFAULT = new Retention(Duration.ofDays(90), 10_000);

  public Retention {
    if (reportAge.isNegative() || reportAge.isZero()) {
      throw new IllegalArgumentException("report retention must be positive: " + reportAge);
    }
    if (runsPerJob < 1) {
      throw new IllegalArgumentException("runs kept per job must be at least 1: " + runsPerJob);
    }
  }
}
