package dev.gocachectl.units;

/**
 * Percentiles of a sample by the nearest-rank method: the {@code p}th percentile of {@code n}
 * sorted values is the value at rank {@code ceil(p / 100 * n)} (1-based), so it is always one of
 * the values measured; 0 for an empty sample. The latencies of prog's reports are computed so.
 */
public final class Percentiles {
  private Percentiles() {}

  /**
   * The {@code p}th percentile of {@code sorted} (ascending), {@code p} from 0 to 100.
   *
   * @throws IllegalArgumentException if {@code p} is outside 0..100
   */
  public static long percentile(long[] sorted, double p) {
    if (p < 0 || p > 100) {
      throw new IllegalArgumentException("percentile " + p + " is not between 0 and 100");
    }
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
