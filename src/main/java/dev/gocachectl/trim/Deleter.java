package dev.gocachectl.trim;

import dev.gocachectl.cache.CacheDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deletes a cache file only if its mtime is still the one the scan saw. The window between the
 * re-stat and the unlink is a few microseconds; go refreshes the mtime of anything over an hour
 * stale before it trusts a path, so a file go starts using during the trim shows a moved mtime.
 */
final class Deleter {
  private final boolean dryRun;
  private long moved;

  Deleter(boolean dryRun) {
    this.dryRun = dryRun;
  }

  /** Files left because they moved. */
  long moved() {
    return moved;
  }

  /** Deletes {@code path} if its mtime is still {@code seenMtime}; returns whether it went. */
  boolean delete(Path path, long seenMtime) throws IOException {
    BasicFileAttributes now;
    try {
      now = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return false; // someone else removed it
    }
    if (now.lastModifiedTime().toMillis() != seenMtime) {
      moved++;
      return false;
    }
    if (dryRun) {
      return true;
    }
    return CacheDir.removeEntry(path);
  }
}
