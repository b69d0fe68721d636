package dev.gocachectl.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes entries into a cache directory in Go's own format, so that go and gocachectl can share the
 * directory.
 *
 * <p>Every file is written to a temporary name in its shard directory and renamed into place, so a
 * reader (go, another gocachectl, a trim) sees the old file or the whole new one, never a part. The
 * temporary names start with {@value #TEMP_PREFIX} and do not end in {@code -a} or {@code -d}, so
 * Go's trim never touches them; {@code gocachectl trim} removes stale ones. The output goes in
 * before the action entry that names it, as in Go.
 */
public final class CacheWriter {
  /** Prefix of the temporary files this writer renames into place. */
  public static final String TEMP_PREFIX = ".gocachectl-tmp-";

  private final CacheDir dir;
  private final Clock clock;
  private final FileModes modes;

  public CacheWriter(CacheDir dir, Clock clock) {
    this(dir, clock, FileModes.PROCESS);
  }

  /** A writer whose new files and shard directories get {@code modes}. */
  public CacheWriter(CacheDir dir, Clock clock, FileModes modes) {
    this.dir = dir;
    this.clock = clock;
    this.modes = modes;
  }

  /** Whether a shard-level file name is one of this writer's temporary files. */
  public static boolean isTempName(String name) {
    return name.startsWith(TEMP_PREFIX);
  }

  /** A fresh temporary path in the shard of {@code finalName}'s ID. */
  public Path newTempFile(Hash forId) throws IOException {
    Path shard = dir.root().resolve(CacheDir.shardName(forId.firstByte()));
    if (!Files.isDirectory(shard)) { // a stat: createDirectories throws and catches when it exists
      modes.createDirectories(shard);
    }
    String name = TEMP_PREFIX + forId.hex().substring(0, 16) + "-" + randomSuffix();
    return shard.resolve(name);
  }

  private static String randomSuffix() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }

  /** Stores {@code body} as the output of {@code id}; returns the entry written. */
  public ActionEntry put(ActionId id, byte[] body) throws IOException {
    OutputId out = new OutputId(Hash.sha256(body));
    Path target = dir.outputPath(out);
    if (!alreadyStored(target, out, body.length)) {
      Path temp = newTempFile(out.hash());
      try {
        Files.write(temp, body);
        moveIntoPlace(temp, target);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    return writeEntry(id, out, body.length);
  }

  /**
   * Moves a temporary file that already holds an output's verified bytes into place as {@code
   * <out>-d}, then writes the action entry. The caller has checked that SHA-256 of the file is
   * {@code out} and its length is {@code size}.
   */
  public ActionEntry putVerified(ActionId id, OutputId out, long size, Path verifiedTemp)
      throws IOException {
    return putVerified(id, out, size, verifiedTemp, nowNanos());
  }

  /**
   * {@link #putVerified(ActionId, OutputId, long, Path)} with the time to record in the entry: an
   * output fetched from a remote keeps the time it was first put, which {@code go clean -testcache}
   * compares against.
   */
  public ActionEntry putVerified(
      ActionId id, OutputId out, long size, Path verifiedTemp, long timeNanos) throws IOException {
    Path target = dir.outputPath(out);
    try {
      if (!alreadyStored(target, out, size)) {
        moveIntoPlace(verifiedTemp, target);
      }
    } finally {
      Files.deleteIfExists(verifiedTemp);
    }
    return writeEntry(id, out, size, timeNanos);
  }

  /**
   * Copies a stream into a temporary file in the right shard, hashing as it goes. The caller moves
   * or deletes the file.
   */
  public TempOutput spool(Hash shardOf, java.io.InputStream in) throws IOException {
    Path temp = newTempFile(shardOf);
    MessageDigest digest = Hash.newDigest();
    long size;
    try (OutputStream os = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
      size = in.transferTo(os);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return new TempOutput(temp, new OutputId(Hash.finish(digest)), size);
  }

  /** A spooled temporary output: where it is, what it hashes to and how long it is. */
  public record TempOutput(Path path, OutputId id, long size) {}

  private long nowNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Writes (or replaces) the action entry for {@code id}, stamped now. */
  public ActionEntry writeEntry(ActionId id, OutputId out, long size) throws IOException {
    return writeEntry(id, out, size, nowNanos());
  }

  /** Writes (or replaces) the action entry for {@code id} with a given time. */
  public ActionEntry writeEntry(ActionId id, OutputId out, long size, long timeNanos)
      throws IOException {
    ActionEntry entry = new ActionEntry(id, out, size, timeNanos);
    Path target = dir.actionFile(id);
    Path temp = newTempFile(id.hash());
    try {
      Files.write(temp, entry.encode());
      moveIntoPlace(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
    return entry;
  }

  /**
   * An output already stored with the right bytes is left alone, as Go's {@code copyFile} leaves
   * it: its inode may be a running executable or an mmapped module index. Like Go, a file of the
   * right size is hashed before it is trusted.
   */
  private static boolean alreadyStored(Path target, OutputId out, long size) {
    try {
      if (!Files.isRegularFile(target) || Files.size(target) != size) {
        return false;
      }
      return Hash.ofFile(target).equals(out.hash());
    } catch (IOException e) {
      return false;
    }
  }

  private void moveIntoPlace(Path temp, Path target) throws IOException {
    modes.file(temp);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          temp
              + ": cannot rename into "
              + target
              + " atomically; is the cache on a filesystem "
              + "without rename?",
          e);
    }
  }
}
