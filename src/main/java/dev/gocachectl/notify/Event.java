package dev.gocachectl.notify;

import dev.gocachectl.history.Finding;
import dev.gocachectl.history.JobName;
import dev.gocachectl.history.JobRun;
import java.time.Instant;
import java.util.Locale;

/**
 * One change of state worth announcing. {@code key} identifies it (the same change is announced
 * once however often it is reported: {@link Notifier} drops a key it has sent) and is sent as
 * {@code X-Gocachectl-Delivery}, so a receiver can drop a retried delivery it already has. {@code
 * finding} is set for the finding kinds, {@code run} for the others (the run concerned, or the
 * job's last run for {@link Kind#JOB_LATE}; null when the job never ran).
 */
public record Event(
    Kind kind, String key, JobName job, Instant at, Finding finding, JobRun run, String text) {

  /** What changed. */
  public enum Kind {
    /** A problem seen for the first time (or again after it was resolved). */
    FINDING_NEW(true),
    /** A problem a complete run no longer sees. */
    FINDING_RESOLVED(false),
    /** A job failed or timed out after a run that did not. */
    JOB_FAILED(true),
    /** A job ran to the end after failing. */
    JOB_RECOVERED(false),
    /** A job has not run when its schedule said it should have. */
    JOB_LATE(true),
    /** A late job ran again. */
    JOB_ON_TIME(false);

    private final boolean problem;

    Kind(boolean problem) {
      this.problem = problem;
    }

    /** Whether this starts a problem (firing) rather than ends one (resolved). */
    public boolean problem() {
      return problem;
    }

    /** {@code finding-new}, {@code job-failed}, ...: the {@code event} of the generic body. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
