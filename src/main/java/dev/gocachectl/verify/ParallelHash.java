package dev.gocachectl.verify;

import dev.gocachectl.cache.CacheSnapshot;
import dev.gocachectl.cache.OutputId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hashes outputs on a fixed number of platform threads while the walk that finds them still runs:
 * the walk {@link #submit}s each output as it lists it, and {@link #finish} returns what was found
 * at every one. Each thread owns its buffer and digest. The queue is in the walk's order; with the
 * largest Go outputs some tens of MiB, the last one alone on a core costs milliseconds.
 */
final class ParallelHash {
  private static final CacheSnapshot.Output END = new CacheSnapshot.Output(null, null, 0, 0, false);

  private final LinkedBlockingQueue<CacheSnapshot.Output> queue = new LinkedBlockingQueue<>();
  private final Map<OutputId, OutputCheck.Looked> looked = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final VerifyProgress progress;
  private final List<Thread> threads = new ArrayList<>();

  /** Starts {@code jobs} hashing threads, idle until outputs arrive. */
  ParallelHash(int jobs, VerifyProgress progress) {
    this.progress = progress;
    try {
      for (int t = 0; t < Math.max(1, jobs); t++) {
        threads.add(Thread.ofPlatform().name("verify-" + t).start(this::work));
      }
    } catch (OutOfMemoryError noMoreThreads) {
      // the threads already started would wait on the queue forever and keep the JVM alive
      threads.forEach(t -> queue.add(END));
      throw noMoreThreads;
    }
  }

  /** Queues one output; called from the walk's threads. */
  void submit(CacheSnapshot.Output o) {
    progress.found(o.size());
    queue.add(o);
  }

  private void work() {
    OutputHasher hasher = new OutputHasher();
    try {
      for (CacheSnapshot.Output o; (o = queue.take()) != END; ) {
        if (failure.get() != null) {
          continue; // drain without work; finish rethrows
        }
        looked.put(
            o.id(),
            OutputCheck.look(
                o.path(),
                o.dir(),
                hasher,
                n -> {
                  bytes.addAndGet(n);
                  progress.advance(n);
                }));
      }
    } catch (IOException | RuntimeException e) {
      failure.compareAndSet(null, e); // the other threads skip the rest; finish rethrows
    } catch (InterruptedException e) {
      failure.compareAndSet(null, e);
    }
  }

  /** Once the walk is over: waits for every queued output and returns what was at each. */
  Map<OutputId, OutputCheck.Looked> finish() throws IOException {
    for (int i = 0; i < threads.size(); i++) {
      queue.add(END);
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
      case InterruptedException ie -> throw new IOException("interrupted while hashing", ie);
      default -> throw new IllegalStateException(failure.get());
    }
    return looked;
  }

  /** The bytes hashed. */
  long bytes() {
    return bytes.get();
  }
}
