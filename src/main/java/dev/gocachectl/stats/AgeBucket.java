package dev.gocachectl.stats;

import java.time.Duration;

/**
 * Age bands by mtime, which Go uses as "last used" (refreshed at most once an hour). The 121-hour
 * boundary is Go's own trim cutoff: files older than that go at the next {@code go build} whose
 * trim is due.
 */
public enum AgeBucket {
  UNDER_1H("<1h", Duration.ofHours(1)),
  UNDER_1D("1h-24h", Duration.ofHours(24)),
  UNDER_GO_TRIM("1d-5d", Duration.ofHours(121)),
  UNDER_30D("5d-30d (go trims)", Duration.ofDays(30)),
  OLDER(">30d (go trims)", null);

  private final String label;
  private final Duration below;

  AgeBucket(String label, Duration below) {
    this.label = label;
    this.below = below;
  }

  /** A short label. */
  public String label() {
    return label;
  }

  /** The bucket for a file of this age (negative ages, from clock skew, count as new). */
  public static AgeBucket of(Duration age) {
    for (AgeBucket b : values()) {
      if (b.below == null || age.compareTo(b.below) < 0) {
        return b;
      }
    }
    return OLDER;
  }
}
