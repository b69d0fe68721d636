package dev.gocachectl.history;

import java.util.Locale;

/** How a job run ended. */
public enum Outcome {
  /** Ran to the end and found nothing wrong. */
  OK,
  /** Ran to the end and found problems (its observations). */
  FINDINGS,
  /** Could not run to the end (an error): its observations may be partial. */
  FAILED,
  /** Ran past its limit and was stopped: its observations may be partial. */
  TIMED_OUT;

  /** The word stored and shown: {@code ok}, {@code findings}, {@code failed}, {@code timed-out}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether the run looked at everything, so that a finding it did not see is resolved. */
  public boolean complete() {
    return this == OK || this == FINDINGS;
  }

  public static Outcome ofId(String id) {
    for (Outcome o : values()) {
      if (o.id().equals(id)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "outcome \"" + Texts.printable(id, 40) + "\": expected ok, findings, failed or timed-out");
  }
}
