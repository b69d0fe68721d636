package dev.gocachectl.prog;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Runs the remote part of gets on virtual threads, so that many lookups are out at once and answers
 * go back in any order (go matches them by ID) while the reader goes on reading requests. At most
 * {@value #CONCURRENT} run at a time, so a build of a thousand packages does not open a thousand
 * connections.
 */
final class RemoteLookups {
  static final int CONCURRENT = 32;

  /** A lookup that answers go itself. */
  @FunctionalInterface
  interface Lookup {
    void run() throws IOException;
  }

  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore slots = new Semaphore(CONCURRENT);
  private volatile IOException failure;

  void submit(Request q, Lookup lookup) throws IOException {
    if (failure != null) {
      throw failure; // go is gone (its pipe broke): stop reading
    }
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to look up request " + q.id(), e);
    }
    pool.submit(
        () -> {
          try {
            lookup.run();
          } catch (IOException e) {
            failure = e;
          } finally {
            slots.release();
          }
        });
  }

  /** Waits for every lookup submitted so far. */
  void awaitAll() throws IOException {
    try {
      slots.acquire(CONCURRENT);
      slots.release(CONCURRENT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for remote lookups", e);
    }
    if (failure != null) {
      throw failure;
    }
  }
}
