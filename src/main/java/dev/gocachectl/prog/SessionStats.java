package dev.gocachectl.prog;

import static dev.gocachectl.units.Percentiles.percentile;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counters for one go invocation, updated from any thread. */
public final class SessionStats {
  private long gets;
  private long hits;
  private long remoteHits;
  private final Map<MissKind, Long> misses = new EnumMap<>(MissKind.class);
  private long puts;
  private long putErrors;
  private long spilled;
  private long bytesRead;
  private long bytesWritten;
  private long[] latencies = new long[256];
  private int latencyCount;
  private final long[] buckets = new long[BuildReport.GET_BUCKETS_MICROS.size() + 1];

  synchronized void hit(long size, boolean remote, long nanos) {
    gets++;
    hits++;
    remoteHits += remote ? 1 : 0;
    bytesRead += size;
    latency(nanos);
  }

  synchronized void miss(MissKind kind, long nanos) {
    gets++;
    misses.merge(kind, 1L, Long::sum);
    latency(nanos);
  }

  synchronized void put(long size) {
    puts++;
    bytesWritten += size;
  }

  /** A put kept outside the local tier (see {@link Spill}). */
  synchronized void spilled(long size) {
    puts++;
    spilled++;
    bytesWritten += size;
  }

  synchronized void putError() {
    puts++;
    putErrors++;
  }

  private void latency(long nanos) {
    if (latencyCount == latencies.length) {
      latencies = Arrays.copyOf(latencies, latencies.length * 2);
    }
    latencies[latencyCount++] = nanos;
    buckets[BuildReport.bucketOf(nanos)]++;
  }

  /** A snapshot of the counters. */
  synchronized Counts counts() {
    long[] sorted = Arrays.copyOf(latencies, latencyCount);
    Arrays.sort(sorted);
    return new Counts(
        gets,
        hits,
        remoteHits,
        new EnumMap<>(misses),
        puts,
        putErrors,
        spilled,
        bytesRead,
        bytesWritten,
        percentile(sorted, 50),
        percentile(sorted, 99),
        Arrays.stream(buckets).boxed().toList(),
        Arrays.stream(sorted).sum());
  }

  /**
   * The counters at one moment. Latencies in nanoseconds; {@code getBuckets} counts the gets per
   * latency bucket ({@link BuildReport#GET_BUCKETS_MICROS}, the last one unbounded) and {@code
   * getNanosSum} their total time.
   */
  public record Counts(
      long gets,
      long hits,
      long remoteHits,
      Map<MissKind, Long> misses,
      long puts,
      long putErrors,
      long spilled,
      long bytesRead,
      long bytesWritten,
      long getP50Nanos,
      long getP99Nanos,
      List<Long> getBuckets,
      long getNanosSum) {
    public long missCount() {
      return misses.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
