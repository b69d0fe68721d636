package dev.gocachectl.remote;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A hard deadline for one transfer: when it passes, {@code abort} runs on a timer thread (closing
 * the connection, which makes the blocked read or write fail). Socket read timeouts only bound one
 * silent gap, and a blocked socket write has no timeout at all; this bounds the whole request, so a
 * server that stops reading an upload or trickles a download cannot hang a build.
 *
 * <pre>
 * TransferDeadline deadline = TransferDeadline.arm(options.transferTimeout(size), conn::disconnect);
 * try { ... } catch (IOException e) { if (deadline.expired()) ... } finally { deadline.close(); }
 * </pre>
 */
public final class TransferDeadline implements AutoCloseable {
  private static final ScheduledThreadPoolExecutor TIMER = newTimer();

  private final Duration timeout;
  private final AtomicBoolean expired = new AtomicBoolean();
  private final ScheduledFuture<?> alarm;

  private TransferDeadline(Duration timeout, Runnable abort) {
    this.timeout = timeout;
    this.alarm =
        TIMER.schedule(
            () -> {
              expired.set(true);
              abort.run();
            },
            Math.max(1, timeout.toMillis()),
            TimeUnit.MILLISECONDS);
  }

  /**
   * Starts the clock: {@code abort} runs after {@code timeout} unless {@link #close} runs first.
   */
  public static TransferDeadline arm(Duration timeout, Runnable abort) {
    return new TransferDeadline(timeout, abort);
  }

  /** Whether the deadline passed and the transfer was aborted. */
  public boolean expired() {
    return expired.get();
  }

  /** The timeout this deadline was armed with, for messages. */
  public Duration timeout() {
    return timeout;
  }

  /** Stops the clock (the transfer ended, well or not). */
  @Override
  public void close() {
    alarm.cancel(false);
  }

  private static ScheduledThreadPoolExecutor newTimer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "gocachectl-transfer-deadline");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
