package dev.gocachectl.prog;

import dev.gocachectl.cache.ActionEntry;
import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheWriter;
import dev.gocachectl.cache.EntryRead;
import dev.gocachectl.cache.FileModes;
import dev.gocachectl.cache.OutputId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;

/**
 * The local tier: a directory in Go's own GOCACHE layout ({@link CacheDir}), so that {@code
 * gocachectl stats}, {@code verify} and {@code trim} work on it unchanged, and go processes,
 * several {@code prog} processes or one daemon can share it. Writes are temp file then rename
 * ({@link CacheWriter}); a reader sees the old file or the new one.
 *
 * <p>Like Go's {@code markUsed}, a hit refreshes the mtime of the entry and of the output when it
 * is over an hour stale, so that {@code trim} sees what is in use.
 */
final class LocalTier {
  private static final long MTIME_INTERVAL_MILLIS = Duration.ofHours(1).toMillis();

  private final CacheDir dir;
  private final CacheWriter writer;
  private final Clock clock;

  LocalTier(CacheDir dir, Clock clock, FileModes modes) {
    this.dir = dir;
    this.writer = new CacheWriter(dir, clock, modes);
    this.clock = clock;
  }

  CacheDir dir() {
    return dir;
  }

  CacheWriter writer() {
    return writer;
  }

  /** What a local lookup found. */
  sealed interface Lookup {}

  /** A usable entry and the path of its output; {@code tier} is -1 for local, else the remote. */
  record Hit(ActionEntry entry, Path path, int tier) implements Lookup {}

  /** Nothing usable, and why. */
  record Miss(MissKind kind) implements Lookup {}

  Lookup get(ActionId id) throws IOException {
    Path a = dir.actionFile(id);
    EntryRead read;
    try {
      read = CacheDir.readAction(a, id);
    } catch (NoSuchFileException e) {
      return new Miss(MissKind.NEW);
    }
    if (!(read instanceof EntryRead.Valid(ActionEntry entry))) {
      return new Miss(MissKind.INVALID);
    }
    Path d = dir.outputPath(entry.output());
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(d, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return new Miss(MissKind.DANGLING);
    }
    if (!attrs.isRegularFile() || attrs.size() != entry.size()) {
      return new Miss(MissKind.DANGLING);
    }
    markUsed(a, Files.getLastModifiedTime(a).toMillis());
    markUsed(d, attrs.lastModifiedTime().toMillis());
    return new Hit(entry, d, -1);
  }

  private void markUsed(Path p, long mtime) {
    long now = clock.millis();
    if (now - mtime >= MTIME_INTERVAL_MILLIS) {
      try {
        Files.setLastModifiedTime(p, FileTime.fromMillis(now));
      } catch (IOException e) {
        // best effort, as in Go: a stale mtime only makes trim think it older
      }
    }
  }

  /** Stores a verified body and returns the entry written. */
  ActionEntry put(ActionId id, OutputId out, long size, Path verifiedTemp, long timeNanos)
      throws IOException {
    return writer.putVerified(id, out, size, verifiedTemp, timeNanos);
  }
}
