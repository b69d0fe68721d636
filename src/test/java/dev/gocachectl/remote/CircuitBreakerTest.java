package dev.gocachectl.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  @Test
  void opensAfterTheThresholdProbesAfterTheCooldownAndBacksOff() {
    CircuitBreaker b = new CircuitBreaker(3, 100, 1000);
    long now = 0;
    for (int i = 0; i < 3; i++) {
      assertThat(b.allow(now)).isTrue();
      b.failure(now);
    }
    assertThat(b.allow(now + 50)).isFalse();
    assertThat(b.allow(now + 100)).isTrue(); // the probe
    assertThat(b.allow(now + 100)).isFalse(); // only one probe at a time
    b.failure(now + 100); // probe failed: reopen, twice as long
    assertThat(b.allow(now + 250)).isFalse();
    assertThat(b.allow(now + 300)).isTrue();
    b.success();
    assertThat(b.allow(now + 301)).isTrue();
    assertThat(b.timesOpened()).isEqualTo(2);
  }
}
