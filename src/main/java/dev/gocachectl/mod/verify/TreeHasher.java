package dev.gocachectl.mod.verify;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.DirHash;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/**
 * Go's {@code dirhash.HashDir(dir, prefix)}: every non-directory under {@code dir}, named {@code
 * prefix/relative/path}; empty directories count for nothing. As in Go's {@code filepath.Walk}, a
 * symbolic link is not followed while walking but is opened (so a link to a file hashes its target,
 * and a link to a directory fails to read). One instance per thread.
 *
 * <p>Speed: each directory is listed with one native call ({@code File.list}), and each entry is
 * simply opened: a regular file opens, a directory refuses ({@code EISDIR}) and is then listed.
 * That is one system call per file where a {@code walkFileTree} pays a {@code readdir} call, an
 * {@code lstat} and a {@code Path} per entry.
 */
final class TreeHasher {
  /**
   * The tree holds what go's {@code dirhash} refuses to hash (a link to a directory): the tree is
   * not what go extracted, as opposed to a file that could not be read.
   */
  static final class Unhashable extends IOException {
    private static final long serialVersionUID = 1L;

    Unhashable(String message) {
      super(message);
    }
  }

  private final byte[] buf = new byte[8192];
  private final MessageDigest digest = Hash.newDigest();

  /** The tree's files and their hashes; {@code bytes} receives the bytes read. */
  DirHash hash(java.nio.file.Path dir, String prefix, LongConsumer bytes) throws IOException {
    DirHash h = new DirHash();
    File root = dir.toFile();
    if (!root.isDirectory()) {
      throw new IOException(dir + " is not a directory");
    }
    walk(root, prefix, h, bytes);
    return h;
  }

  private void walk(File dir, String name, DirHash h, LongConsumer bytes) throws IOException {
    String[] names = dir.list();
    if (names == null) {
      throw new IOException(dir + ": cannot list the directory");
    }
    for (String n : names) {
      File f = new File(dir, n);
      String entry = name + "/" + n;
      Hash sha = hashOrNull(f, bytes);
      if (sha != null) {
        h.add(entry, sha);
      } else if (Files.isSymbolicLink(f.toPath())) {
        throw new Unhashable("read " + f + ": is a directory");
      } else {
        walk(f, entry, h, bytes);
      }
    }
  }

  /** The file's SHA-256, or null when it is a directory. */
  private Hash hashOrNull(File f, LongConsumer bytes) throws IOException {
    FileInputStream in;
    try {
      in = new FileInputStream(f);
    } catch (FileNotFoundException e) {
      if (f.isDirectory()) {
        return null;
      }
      if (!f.exists()) {
        throw new NoSuchFileException(f.toString());
      }
      throw e;
    }
    digest.reset();
    try (in) {
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
        bytes.accept(n);
      }
    } catch (IOException e) {
      throw new IOException(f + ": " + e.getMessage(), e); // read(2) errors name no file
    }
    return Hash.finish(digest);
  }
}
