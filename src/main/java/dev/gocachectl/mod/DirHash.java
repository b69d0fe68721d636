package dev.gocachectl.mod;

import dev.gocachectl.cache.Hash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Go's {@code dirhash.Hash1}, the h1 algorithm behind go.sum, {@code .ziphash} files and the
 * checksum database:
 *
 * <pre>
 * summary = for each file name, sorted bytewise (UTF-8 byte order, not UTF-16 order):
 *             hex(sha256(file contents)) + "  " + name + "\n"
 * h1      = "h1:" + base64std(sha256(summary))      (padded, 47 characters in all)
 * </pre>
 *
 * <p>Equivalent to {@code sha256sum $(find . -type f | sort) | sha256sum}. A name containing a
 * newline makes the hash fail. For a module zip the names are the zip's entry names as stored,
 * directory entries included (hashed as empty files); for an extracted tree they are {@code
 * path@version/} plus the slash-separated relative path of every non-directory; for a go.mod it is
 * the single name {@code go.mod}. Collects entries from any thread order; {@link #sum} sorts.
 */
public final class DirHash {
  private final List<Entry> entries = new ArrayList<>();

  /**
   * One file: its name as raw bytes (zip names need not be valid UTF-8) and its content's SHA-256.
   *
   * @param name the name bytes
   * @param sha256 the content hash
   */
  public record Entry(byte[] name, Hash sha256) {
    /** The name decoded as UTF-8 (for messages). */
    public String nameText() {
      return new String(name, StandardCharsets.UTF_8);
    }
  }

  /** Adds a file. */
  public DirHash add(byte[] name, Hash contentSha256) {
    entries.add(new Entry(name, contentSha256));
    return this;
  }

  /** Adds a file whose name is a string. */
  public DirHash add(String name, Hash contentSha256) {
    return add(name.getBytes(StandardCharsets.UTF_8), contentSha256);
  }

  /** The entries added so far. */
  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /**
   * The h1 hash.
   *
   * @throws IllegalArgumentException for a name with a newline, as Go's "dirhash: filenames with
   *     newlines are not supported"
   */
  public H1 sum() {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
    MessageDigest summary = Hash.newDigest();
    byte[] sep = {' ', ' '};
    for (Entry e : sorted) {
      for (byte b : e.name()) {
        if (b == '\n') {
          throw new IllegalArgumentException("dirhash: filenames with newlines are not supported");
        }
      }
      summary.update(e.sha256().hex().getBytes(StandardCharsets.US_ASCII));
      summary.update(sep);
      summary.update(e.name());
      summary.update((byte) '\n');
    }
    return H1.of(Hash.finish(summary));
  }

  /** The h1 of a go.mod file's bytes: one file named {@code go.mod} (Go's {@code goModSum}). */
  public static H1 goMod(byte[] contents) {
    return new DirHash().add("go.mod", Hash.sha256(contents)).sum();
  }
}
