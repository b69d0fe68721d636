package dev.gocachectl.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs output checks on a fixed number of platform threads that each take the next check from a
 * shared index (largest first, so the big archives do not end up alone on one core at the end).
 * Each thread owns its buffer and digest.
 */
final class ParallelHash {
  record Outcome(List<Finding> findings, long bytes) {}

  private ParallelHash() {}

  static Outcome run(List<OutputCheck> checks, int jobs, VerifyProgress progress)
      throws IOException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
    Runnable worker =
        () -> {
          OutputHasher hasher = new OutputHasher();
          List<Finding> mine = new ArrayList<>();
          try {
            for (int i; (i = next.getAndIncrement()) < checks.size() && failure.get() == null; ) {
              mine.addAll(
                  checks
                      .get(i)
                      .run(
                          hasher,
                          n -> {
                            bytes.addAndGet(n);
                            progress.advance(n);
                          }));
            }
          } catch (IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
          }
          findings.addAll(mine);
        };
    int n = Math.max(1, Math.min(jobs, checks.size()));
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      threads.add(Thread.ofPlatform().name("verify-" + t).start(worker));
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while hashing", e);
      }
    }
    switch (failure.get()) {
      case null -> {}
      case IOException io -> throw io;
      case UncheckedIOException uio -> throw uio.getCause();
      case RuntimeException re -> throw re;
      default -> throw new IllegalStateException(failure.get());
    }
    return new Outcome(List.copyOf(findings), bytes.get());
  }
}
