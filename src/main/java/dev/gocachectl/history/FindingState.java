package dev.gocachectl.history;

import java.util.Locale;

/** Where a finding is in its life. */
public enum FindingState {
  /** Seen by the latest run of its job and by no run before it. */
  NEW,
  /** Seen by more than one run and not resolved. */
  PRESENT,
  /** A complete run of its job no longer saw it. */
  RESOLVED;

  /** The word stored and shown: {@code new}, {@code present}, {@code resolved}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean open() {
    return this != RESOLVED;
  }
}
