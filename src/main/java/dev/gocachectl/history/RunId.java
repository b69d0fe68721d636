package dev.gocachectl.history;

/** A job run's number in the history, given by {@link History#startRun}; positive. */
public record RunId(long value) {
  public RunId {
    if (value <= 0) {
      throw new IllegalArgumentException("run id must be positive: " + value);
    }
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
