package dev.gocachectl.mod.verify;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.zip.ZipContent;
import dev.gocachectl.mod.zip.ZipEntryReader;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One thread's hashing state: zip reader (inflater), digest and tree hasher, and the count of bytes
 * it hashed. Zips are memory-mapped for the duration of one hash and unmapped right after.
 */
final class Hashers implements AutoCloseable {
  private final ZipEntryReader reader = new ZipEntryReader();
  private final MessageDigest digest = Hash.newDigest();
  final TreeHasher tree = new TreeHasher();
  final AtomicLong bytes;
  final AtomicInteger reused;

  Hashers(AtomicLong bytes, AtomicInteger reused) {
    this.bytes = bytes;
    this.reused = reused;
  }

  /** The SHA-256 of a file's bytes, read through a mapping. */
  Hash sha256(Path file) throws IOException {
    try (Arena arena = Arena.ofConfined();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      digest.reset();
      digest.update(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena).asByteBuffer());
      bytes.addAndGet(ch.size());
      return Hash.finish(digest);
    }
  }

  /** Hashes the zip file of {@code m}. */
  ZipContent zip(Path file, ModuleVersion m) throws IOException {
    try (Arena arena = Arena.ofConfined();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      ZipContent c = ZipContent.hash(seg, m.zipPrefix() + "go.mod", reader, digest);
      bytes.addAndGet(c.contentBytes());
      return c;
    }
  }

  @Override
  public void close() {
    reader.close();
  }
}
