package dev.gocachectl.history;

import java.time.Instant;

/**
 * One time bucket of one group (a label's value, or {@code ""} for the whole fleet): the go
 * commands reported in it and their lookups. {@code hits} counts every tier ({@code remoteHits}
 * those the remote tiers answered); {@code misses} the lookups no tier answered.
 */
public record HitRatePoint(
    Instant start, String group, long builds, long gets, long hits, long remoteHits, long misses) {

  /** Hits per lookup, 0 to 1; NaN without lookups. */
  public double hitRate() {
    return gets == 0 ? Double.NaN : (double) hits / gets;
  }
}
