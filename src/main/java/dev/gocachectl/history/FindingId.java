package dev.gocachectl.history;

/**
 * A finding's number in the history: one per episode of a problem (a problem that is resolved and
 * comes back is a new finding with a new number).
 */
public record FindingId(long value) {
  public FindingId {
    if (value <= 0) {
      throw new IllegalArgumentException("finding id must be positive: " + value);
    }
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
