package dev.gocachectl.history;

import java.util.List;

/**
 * What one finished run changed: the findings it opened (seen for the first time, or again after
 * they were resolved) and those it resolved (open before, not seen by this complete run). What
 * notifications announce; a finding seen again while open is in neither. {@code previous} is how
 * the job's run before this one ended (null for its first run), so that a job that fails is
 * announced when it starts failing, not at every failed run.
 */
public record FindingChanges(
    JobRun run, Outcome previous, List<Finding> opened, List<Finding> resolved) {
  public FindingChanges {
    opened = List.copyOf(opened);
    resolved = List.copyOf(resolved);
  }

  public boolean isEmpty() {
    return opened.isEmpty() && resolved.isEmpty();
  }
}
