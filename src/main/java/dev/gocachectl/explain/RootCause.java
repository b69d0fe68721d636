package dev.gocachectl.explain;

import java.util.List;

/**
 * A root cause in one action: the action, the cause, the input line on each side (null where the
 * line is absent), and the actions that differ only because of it (transitively, through
 * dependencies that have no cause of their own).
 */
public record RootCause(
    ActionKey action, Cause cause, String lineA, String lineB, List<ActionKey> downstream) {
  public RootCause {
    downstream = List.copyOf(downstream);
  }
}
