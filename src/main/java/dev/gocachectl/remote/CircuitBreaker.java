package dev.gocachectl.remote;

/**
 * Stops asking a remote that keeps failing, so that a store that is down, slow or returning garbage
 * costs a build a few timeouts, not one per action.
 *
 * <p>Closed: every call goes through. After {@code threshold} consecutive failures it opens for a
 * cooldown (doubling on each reopening, up to {@code maxCooldownNanos}): calls are refused at once.
 * After the cooldown one probe call goes through (half-open); its success closes the breaker, its
 * failure reopens it. Thread-safe; the clock is {@link System#nanoTime}, passed in for tests.
 */
public final class CircuitBreaker {
  private final int threshold;
  private final long firstCooldownNanos;
  private final long maxCooldownNanos;
  private int failures;
  private long openUntil = Long.MIN_VALUE;
  private long cooldown;
  private boolean probing;
  private long opened;

  public CircuitBreaker(int threshold, long firstCooldownNanos, long maxCooldownNanos) {
    this.threshold = threshold;
    this.firstCooldownNanos = firstCooldownNanos;
    this.maxCooldownNanos = maxCooldownNanos;
    this.cooldown = firstCooldownNanos;
  }

  /** Whether a call may go out now; a true answer in half-open state reserves the one probe. */
  public synchronized boolean allow(long now) {
    if (failures < threshold) {
      return true;
    }
    if (now < openUntil || probing) {
      return false;
    }
    probing = true;
    return true;
  }

  public synchronized void success() {
    failures = 0;
    probing = false;
    cooldown = firstCooldownNanos;
  }

  public synchronized void failure(long now) {
    failures++;
    if (probing || failures == threshold) {
      if (probing) {
        cooldown = Math.min(maxCooldownNanos, cooldown * 2);
      }
      probing = false;
      openUntil = now + cooldown;
      opened++;
    }
  }

  /** How many times it opened. */
  public synchronized long timesOpened() {
    return opened;
  }
}
