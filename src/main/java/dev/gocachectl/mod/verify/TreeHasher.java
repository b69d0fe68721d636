package dev.gocachectl.mod.verify;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.DirHash;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/**
 * Go's {@code dirhash.HashDir(dir, prefix)}: every non-directory under {@code dir} (symbolic links
 * are followed when read, not when walking), named {@code prefix/relative/path}; empty directories
 * count for nothing. One instance per thread.
 */
final class TreeHasher {
  private final byte[] buf = new byte[1 << 16];
  private final MessageDigest digest = Hash.newDigest();

  /** The tree's files and their hashes; {@code bytes} receives the bytes read. */
  DirHash hash(Path dir, String prefix, LongConsumer bytes) throws IOException {
    DirHash h = new DirHash();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String rel = dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            h.add(prefix + "/" + rel, hashFile(file, bytes));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            throw e;
          }
        });
    return h;
  }

  /** The SHA-256 of one file. */
  Hash hashFile(Path file, LongConsumer bytes) throws IOException {
    digest.reset();
    // A FileInputStream reads with plain read(2); a FileChannel also registers the thread for
    // interruption on every read, which costs more than the read for small files.
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
        bytes.accept(n);
      }
    }
    return Hash.finish(digest);
  }
}
