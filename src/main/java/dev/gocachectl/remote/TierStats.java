package dev.gocachectl.remote;

import static dev.gocachectl.units.Percentiles.percentile;

import java.util.Arrays;

/** Counters for one remote tier in one go invocation (or one daemon session). Thread-safe. */
public final class TierStats {
  private long gets;
  private long hits;
  private long misses;
  private long errors;
  private long timeouts;
  private long verifyFailed;
  private long rejected;
  private long refused;
  private long bytesRead;
  private long uploaded;
  private long uploadFailed;
  private long dropped;
  private long skippedTooBig;
  private long bytesWritten;
  private long[] latency = new long[64];
  private int latencyCount;
  private String firstFailure;
  private long largestTooBig;
  private String tooBigAdvice;

  synchronized void hit(long bytes, long nanos) {
    gets++;
    hits++;
    bytesRead += bytes;
    latency(nanos);
  }

  synchronized void miss(long nanos) {
    gets++;
    misses++;
    latency(nanos);
  }

  synchronized void failed(FetchResult.Failure kind, long nanos, String message) {
    gets++;
    noteFailure(message);
    switch (kind) {
      case ERROR -> errors++;
      case TIMEOUT -> timeouts++;
      case VERIFY_FAILED -> verifyFailed++;
      case REJECTED -> rejected++;
      case REFUSED -> refused++;
    }
    if (kind != FetchResult.Failure.REFUSED) {
      latency(nanos);
    }
  }

  synchronized void uploaded(long bytes) {
    uploaded++;
    bytesWritten += bytes;
  }

  synchronized void uploadFailed(String message) {
    uploadFailed++;
    noteFailure(message);
  }

  private void noteFailure(String message) {
    if (firstFailure == null && message != null) {
      firstFailure = message;
    }
  }

  synchronized void dropped(long n) {
    dropped += n;
  }

  /**
   * An output of {@code size} bytes not uploaded: over the store's limit, which {@code advice} says
   * how to raise.
   */
  synchronized void tooBig(long size, String advice) {
    skippedTooBig++;
    if (size > largestTooBig) {
      largestTooBig = size;
    }
    if (tooBigAdvice == null) {
      tooBigAdvice = advice;
    }
  }

  private void latency(long nanos) {
    if (latencyCount == latency.length) {
      latency = Arrays.copyOf(latency, latency.length * 2);
    }
    latency[latencyCount++] = nanos;
  }

  /** The counters now. */
  public synchronized Snapshot snapshot() {
    long[] s = Arrays.copyOf(latency, latencyCount);
    Arrays.sort(s);
    return new Snapshot(
        gets,
        hits,
        misses,
        errors,
        timeouts,
        verifyFailed,
        rejected,
        refused,
        bytesRead,
        uploaded,
        uploadFailed,
        dropped,
        skippedTooBig,
        bytesWritten,
        percentile(s, 50),
        percentile(s, 99),
        firstFailure,
        largestTooBig,
        tooBigAdvice);
  }

  /**
   * Counters at one moment; latencies in nanoseconds. {@code firstFailure} is the message of the
   * first failed lookup or upload (what the store said, naming it without its password), or null;
   * {@code largestTooBig} the largest output skipped for size and {@code tooBigAdvice} how to raise
   * the store's limit (null if none was skipped).
   */
  public record Snapshot(
      long gets,
      long hits,
      long misses,
      long errors,
      long timeouts,
      long verifyFailed,
      long rejected,
      long refused,
      long bytesRead,
      long uploaded,
      long uploadFailed,
      long dropped,
      long skippedTooBig,
      long bytesWritten,
      long getP50Nanos,
      long getP99Nanos,
      String firstFailure,
      long largestTooBig,
      String tooBigAdvice) {
    /** Lookups and uploads that failed, of any kind. */
    public long failures() {
      return errors + timeouts + verifyFailed + rejected + refused + uploadFailed;
    }
  }
}
