package dev.gocachectl.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentilesTest {
  private static final long[] TEN = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

  /** Nearest rank: ceil(p/100 * n), 1-based; always a measured value. */
  @ParameterizedTest
  @CsvSource({"0,10", "1,10", "10,10", "11,20", "50,50", "51,60", "90,90", "99,100", "100,100"})
  void nearestRankOfTen(double p, long value) {
    assertThat(Percentiles.percentile(TEN, p)).isEqualTo(value);
  }

  @Test
  void smallSamples() {
    assertThat(Percentiles.percentile(new long[0], 50)).isZero();
    assertThat(Percentiles.percentile(new long[] {7}, 99)).isEqualTo(7);
    assertThat(Percentiles.percentile(new long[] {1, 2}, 50)).isEqualTo(1);
    assertThat(Percentiles.percentile(new long[] {1, 2}, 99)).isEqualTo(2);
  }

  @Test
  void aPercentileOutsideZeroToHundredIsRefused() {
    assertThatThrownBy(() -> Percentiles.percentile(TEN, 101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("101");
  }
}
