package dev.gocachectl.history;

import java.time.Duration;
import java.time.Instant;

/**
 * One run of a job: started, and when finished its end, {@link Outcome} and a one-line summary
 * ({@code ended}, {@code outcome} and {@code summary} null while it runs, or when the serve that
 * ran it was stopped before it finished).
 */
public record JobRun(
    RunId id, JobName job, Instant started, Instant ended, Outcome outcome, String summary) {

  public boolean finished() {
    return ended != null;
  }

  /** How long it ran; null while it runs. */
  public Duration duration() {
    return ended == null ? null : Duration.between(started, ended);
  }
}
