package dev.gocachectl.history;

import java.time.Instant;

/**
 * A problem over time: the job that saw it, its {@code kind} and {@code subject} (its key), what
 * the latest run said ({@code message}, {@code remedy}), the first and latest run that saw it, and
 * when it was resolved ({@code resolvedAt} and {@code resolvedBy} null while open).
 */
public record Finding(
    FindingId id,
    JobName job,
    String kind,
    String subject,
    String message,
    String remedy,
    Instant firstSeen,
    Instant lastSeen,
    Instant resolvedAt,
    RunId firstRun,
    RunId lastRun,
    RunId resolvedBy) {

  public FindingState state() {
    if (resolvedAt != null) {
      return FindingState.RESOLVED;
    }
    return firstRun.equals(lastRun) ? FindingState.NEW : FindingState.PRESENT;
  }
}
