package dev.gocachectl.doctor;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a GOCACHE holds and what go's next trim would take: go trims at most once per 24 h (the time
 * of the last trim is {@code trim.txt}, decimal Unix seconds; a missing or unparsable file, or one
 * more than an hour in the future, means "trim now") and then deletes every cache file not used for
 * 5 days plus the 1 hour by which it may lag refreshing a used file's mtime ({@code
 * cmd/go/internal/cache/cache.go}: {@code trimInterval}, {@code trimLimit}, {@code mtimeInterval}).
 *
 * @param files cache files (entries and outputs) in the shards
 * @param bytes their size
 * @param staleFiles files whose mtime is older than go's trim limit
 * @param staleBytes their size
 * @param lastTrim {@code trim.txt}, when present and parsable
 * @param trimDue whether the next go command that opens the cache trims it
 */
public record CacheUsage(
    long files,
    long bytes,
    long staleFiles,
    long staleBytes,
    Optional<Instant> lastTrim,
    boolean trimDue) {

  /** go's trimInterval. */
  static final Duration TRIM_INTERVAL = Duration.ofHours(24);

  /** go's trimLimit plus mtimeInterval: files older than this go at a trim. */
  static final Duration TRIM_AGE = Duration.ofDays(5).plusHours(1);

  /** Scans {@code root} (in parallel over its shards); empty when it is not a directory. */
  static Optional<CacheUsage> scan(Path root, Instant now) throws IOException {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    CacheDir dir = CacheDir.open(root);
    long cutoff = now.minus(TRIM_AGE).toEpochMilli();
    AtomicLong files = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicLong staleFiles = new AtomicLong();
    AtomicLong staleBytes = new AtomicLong();
    CacheScan.shards(
        dir,
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        shard -> {
          for (CacheScan.Item it : shard.items()) {
            if (!it.isCacheFile(shard.name())) {
              continue;
            }
            files.incrementAndGet();
            bytes.addAndGet(it.size());
            if (it.mtimeMillis() < cutoff) {
              staleFiles.incrementAndGet();
              staleBytes.addAndGet(it.size());
            }
          }
        });
    Optional<Instant> lastTrim = readTrimStamp(root.resolve(CacheDir.TRIM_STAMP));
    boolean due =
        lastTrim
            .map(
                t -> {
                  Duration d = Duration.between(t, now);
                  return !(d.compareTo(TRIM_INTERVAL) < 0 && d.compareTo(Duration.ofHours(-1)) > 0);
                })
            .orElse(true);
    return Optional.of(
        new CacheUsage(
            files.get(), bytes.get(), staleFiles.get(), staleBytes.get(), lastTrim, due));
  }

  private static Optional<Instant> readTrimStamp(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      return Optional.empty(); // missing (or a FIFO, which must not be opened): go trims
    }
    try {
      byte[] b = Files.readAllBytes(p);
      if (b.length > 64) {
        return Optional.empty();
      }
      return Optional.of(
          Instant.ofEpochSecond(Long.parseLong(new String(b, StandardCharsets.US_ASCII).strip())));
    } catch (NoSuchFileException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
