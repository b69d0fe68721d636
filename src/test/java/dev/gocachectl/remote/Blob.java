package dev.gocachectl.remote;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.cache.OutputId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.SplittableRandom;

/** An output for the store tests: random bytes in a file, and their output ID. */
public record Blob(OutputId id, Path file, long size) {
  private static final SplittableRandom SEEDS = new SplittableRandom();

  private static synchronized SplittableRandom next() {
    return SEEDS.split(); // SplittableRandom is not thread-safe; the tests call from many threads
  }

  /** Writes {@code size} random bytes into a new file in {@code dir}, hashing as it goes. */
  public static Blob random(Path dir, long size) {
    SplittableRandom random = next();
    MessageDigest digest = Hash.newDigest();
    try {
      Path file = Files.createTempFile(dir, "blob-", ".bin");
      try (OutputStream out = Files.newOutputStream(file)) {
        byte[] buf = new byte[1 << 16];
        for (long left = size; left > 0; ) {
          int n = (int) Math.min(buf.length, left);
          random.nextBytes(buf);
          out.write(buf, 0, n);
          digest.update(buf, 0, n);
          left -= n;
        }
      }
      return new Blob(new OutputId(Hash.finish(digest)), file, size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A random action ID, so that tests sharing a server never meet. */
  public static ActionId randomAction() {
    byte[] b = new byte[Hash.SIZE];
    next().nextBytes(b);
    return new ActionId(Hash.of(b));
  }

  /** Random bytes, e.g. a record. */
  public static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    next().nextBytes(b);
    return b;
  }

  /** A sink that keeps only the count and the SHA-256 of what it is given (no buffering). */
  public static final class HashingSink extends OutputStream {
    private final MessageDigest digest = Hash.newDigest();
    private long count;

    @Override
    public void write(int b) {
      digest.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      digest.update(b, off, len);
      count += len;
    }

    public long count() {
      return count;
    }

    public OutputId id() {
      return new OutputId(Hash.finish(digest));
    }
  }
}
