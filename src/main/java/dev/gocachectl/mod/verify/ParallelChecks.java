package dev.gocachectl.mod.verify;

import dev.gocachectl.verify.VerifyProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs version checks on a fixed number of platform threads taking the next job from a shared index
 * (largest zip first). Each thread owns its {@link Hashers}.
 */
final class ParallelChecks {
  record Outcome(List<ModFinding> findings, long bytes, int zipsReused) {}

  private ParallelChecks() {}

  static Outcome run(
      List<ModVerifier.VersionJob> jobs, int threads, ZipVerdicts verdicts, VerifyProgress progress)
      throws IOException {
    progress.start(jobs.stream().mapToLong(ModVerifier.VersionJob::weight).sum());
    AtomicInteger next = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    AtomicInteger reused = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<ModFinding> findings = Collections.synchronizedList(new ArrayList<>());
    Runnable worker =
        () -> {
          List<ModFinding> mine = new ArrayList<>();
          try (Hashers h = new Hashers(bytes, reused)) {
            for (int i; (i = next.getAndIncrement()) < jobs.size() && failure.get() == null; ) {
              mine.addAll(jobs.get(i).check().run(h, verdicts));
              progress.advance(jobs.get(i).weight());
            }
          } catch (IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
          }
          findings.addAll(mine);
        };
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < Math.max(1, Math.min(threads, jobs.size())); t++) {
      started.add(Thread.ofPlatform().name("mod-verify-" + t).start(worker));
    }
    for (Thread t : started) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while verifying", e);
      }
    }
    progress.done();
    switch (failure.get()) {
      case null -> {}
      case IOException io -> throw io;
      case UncheckedIOException uio -> throw uio.getCause();
      case RuntimeException re -> throw re;
      default -> throw new IllegalStateException(failure.get());
    }
    return new Outcome(List.copyOf(findings), bytes.get(), reused.get());
  }
}
