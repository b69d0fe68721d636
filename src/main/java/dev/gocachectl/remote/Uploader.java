package dev.gocachectl.remote;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.OutputId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Uploads to one remote tier in the background: puts go to the local tier at once and here after,
 * so a build never waits for the network.
 *
 * <ul>
 *   <li>The queue is bounded ({@value #QUEUE} uploads); past that, new ones are dropped and
 *       counted, rather than buffered without end.
 *   <li>{@value #WORKERS} workers; at most one upload of the same output at a time, and an output
 *       this process uploaded in the last {@link #REMEMBER} is not sent again (its record still
 *       is). Past that, or beyond the newest {@value #REMEMBERED} outputs, it is forgotten: the
 *       store may have evicted it since (bazel-remote's LRU, a Redis TTL or maxmemory policy, an S3
 *       lifecycle rule), and a daemon lives for days, so the next upload asks the store again (or
 *       sends it) rather than trusting what was true hours ago.
 *   <li>{@link #drain} waits a bounded time for the queue to empty, then drops and counts the rest,
 *       those still running included: once it returns, every submitted upload has been counted
 *       exactly once, as uploaded, too big, failed or dropped, and a running one that ends later
 *       changes no count.
 *   <li>A failed upload is counted and forgotten: the next build uploads it again.
 * </ul>
 */
public final class Uploader {
  static final int QUEUE = 4096;
  static final int WORKERS = 4;

  /** How long an upload is trusted to still be in the store. */
  static final Duration REMEMBER = Duration.ofMinutes(10);

  /** How many uploaded outputs are remembered at most. */
  static final int REMEMBERED = 100_000;

  private record Job(ActionId id, ActionRecord record, Path file, TierStats stats) {}

  private final RemoteTier tier;
  private final ArrayDeque<Job> queue = new ArrayDeque<>();
  private final Set<OutputId> inFlight = new java.util.HashSet<>();
  private final Set<Job> running = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private final Set<Job> abandoned = Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /** Uploads not yet counted, by the counters (one per session) they are counted in. */
  private final Map<TierStats, Integer> outstanding = new java.util.IdentityHashMap<>();

  /** Outputs uploaded, oldest first, with when (nanoTime). */
  private final Map<OutputId, Long> done =
      new LinkedHashMap<OutputId, Long>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<OutputId, Long> e) {
          return size() > REMEMBERED;
        }
      };

  private final LongSupplier nanoTime;
  private int workers;

  public Uploader(RemoteTier tier) {
    this(tier, System::nanoTime);
  }

  /** An uploader whose memory of uploads ages by {@code nanoTime}. */
  Uploader(RemoteTier tier, LongSupplier nanoTime) {
    this.tier = tier;
    this.nanoTime = nanoTime;
  }

  /** Whether {@code out} was uploaded within {@link #REMEMBER}; forgets it if longer ago. */
  private boolean recentlyUploaded(OutputId out) {
    Long at = done.get(out);
    if (at == null) {
      return false;
    }
    if (nanoTime.getAsLong() - at < REMEMBER.toNanos()) {
      return true;
    }
    done.remove(out);
    return false;
  }

  /** Queues an upload; returns false (and counts a drop) if the queue is full. */
  public synchronized boolean submit(ActionId id, ActionRecord record, Path file, TierStats stats) {
    if (queue.size() >= QUEUE) {
      stats.dropped(1);
      return false;
    }
    queue.add(new Job(id, record, file, stats));
    outstanding.merge(stats, 1, Integer::sum);
    if (workers < WORKERS) {
      workers++;
      Thread.ofPlatform().daemon().name("upload " + tier.name()).start(this::work);
    }
    notifyAll();
    return true;
  }

  private void work() {
    while (true) {
      Job job;
      boolean known;
      synchronized (this) {
        while (true) {
          if (queue.isEmpty()) {
            workers--;
            notifyAll();
            return;
          }
          job = nextRunnable();
          if (job != null) {
            break;
          }
          try {
            wait(); // only jobs for outputs another worker is uploading: wait for it
          } catch (InterruptedException e) {
            workers--;
            return;
          }
        }
        known = recentlyUploaded(job.record().output());
        inFlight.add(job.record().output());
        running.add(job);
      }
      Outcome outcome;
      String failure = null;
      if (!tier.breaker().allow(System.nanoTime())) {
        outcome = Outcome.DROPPED;
      } else {
        try {
          boolean sent = tier.upload(job.id(), job.record(), job.file(), known);
          tier.breaker().success();
          outcome = sent ? Outcome.UPLOADED : Outcome.TOO_BIG;
          failure = sent ? null : tier.sizeLimitAdvice();
        } catch (java.io.IOException | RuntimeException e) {
          tier.breaker().failure(System.nanoTime());
          outcome = Outcome.FAILED;
          failure =
              e instanceof java.io.IOException
                  ? e.getMessage()
                  : tier.name() + ": unexpected " + e; // a client library's surprise
        }
      }
      synchronized (this) {
        inFlight.remove(job.record().output());
        running.remove(job);
        if (outcome == Outcome.UPLOADED && !known) {
          done.remove(job.record().output()); // re-inserted: the map stays oldest first
          done.put(job.record().output(), nanoTime.getAsLong());
        }
        if (!abandoned.remove(job)) {
          outcome.count(job, failure);
          settled(job);
        }
        notifyAll();
      }
    }
  }

  private enum Outcome {
    UPLOADED,
    TOO_BIG,
    FAILED,
    DROPPED;

    void count(Job job, String failure) {
      switch (this) {
        case UPLOADED -> job.stats().uploaded(job.record().size());
        case TOO_BIG -> job.stats().tooBig(job.record().size(), failure);
        case FAILED -> job.stats().uploadFailed(failure);
        case DROPPED -> job.stats().dropped(1);
      }
    }
  }

  /** The first queued job whose output is not being uploaded by another worker; null if none. */
  private Job nextRunnable() {
    for (var it = queue.iterator(); it.hasNext(); ) {
      Job j = it.next();
      if (!inFlight.contains(j.record().output())) {
        it.remove();
        return j;
      }
    }
    return null;
  }

  /**
   * Waits up to {@code millis} for every queued upload to finish; the ones still queued then are
   * dropped and counted. Returns how many were dropped.
   */
  public synchronized int drain(long millis) {
    waitWhile(() -> !queue.isEmpty() || running.size() > abandoned.size(), millis);
    int dropped = queue.size();
    for (Job j : queue) {
      j.stats().dropped(1);
      settled(j);
    }
    queue.clear();
    for (Job j : running) {
      if (abandoned.add(j)) { // a job abandoned by an earlier drain is counted already
        j.stats().dropped(1);
        settled(j);
        dropped++;
      }
    }
    return dropped;
  }

  /** Waits, holding this lock between checks, while {@code busy} holds and time is left. */
  private void waitWhile(java.util.function.BooleanSupplier busy, long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (busy.getAsBoolean()) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void settled(Job j) {
    outstanding.computeIfPresent(j.stats(), (k, n) -> n == 1 ? null : n - 1);
  }

  /**
   * Waits up to {@code millis} for the uploads counted in {@code stats} (one session's) to finish,
   * dropping nothing: other sessions' uploads go on. Returns how many of them are still pending.
   */
  public synchronized int await(TierStats stats, long millis) {
    waitWhile(() -> outstanding.containsKey(stats), millis);
    return outstanding.getOrDefault(stats, 0);
  }

  /** Uploads queued or running now. */
  public synchronized int pending() {
    return queue.size() + running.size() - abandoned.size();
  }
}
