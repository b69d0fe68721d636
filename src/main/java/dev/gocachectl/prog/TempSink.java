package dev.gocachectl.prog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The temporary file a put body is decoded into. If the local tier's file cannot be created or
 * written (its disk is full), the body moves to a fallback file (the {@link Spill}): the bytes
 * written so far are copied over and writing goes on there. If the fallback fails too, the failure
 * is kept and every further byte is discarded, so that the body is still read to its end and the
 * protocol stream stays in step.
 */
final class TempSink extends OutputStream {
  /** Makes a file; the fallback one is told why the first failed. */
  @FunctionalInterface
  interface Maker {
    Path make(IOException why) throws IOException;
  }

  private final Maker fallback;
  private Path path;
  private OutputStream out;
  private long written;
  private boolean fellBack;
  private IOException failure;

  private TempSink(Maker fallback) {
    this.fallback = fallback;
  }

  static TempSink open(Maker primary, Maker fallback) {
    TempSink s = new TempSink(fallback);
    try {
      s.path = primary.make(null);
      s.out = Files.newOutputStream(s.path);
    } catch (IOException e) {
      s.fallBack(e, null, 0, 0);
    }
    return s;
  }

  /** The file now holding the body, or null if none could be made. */
  Path path() {
    return path;
  }

  /** True when the body is in the fallback file. */
  boolean fellBack() {
    return fellBack;
  }

  /** Why the body could not be kept anywhere, or null. */
  IOException failure() {
    return failure;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    if (out == null) {
      return;
    }
    try {
      out.write(b, off, len);
      written += len;
    } catch (IOException e) {
      fallBack(e, b, off, len);
    }
  }

  /** Moves to the fallback file after {@code e}; then writes the chunk that failed. */
  private void fallBack(IOException e, byte[] b, int off, int len) {
    closeQuietly();
    Path old = path;
    if (fellBack) {
      fail(e);
      return;
    }
    fellBack = true;
    try {
      path = fallback.make(e);
      out = Files.newOutputStream(path);
      if (old != null) {
        try (InputStream in = Files.newInputStream(old)) {
          copy(in, out, written);
        }
      }
      if (len > 0) {
        out.write(b, off, len);
        written += len;
      }
    } catch (IOException f) {
      f.addSuppressed(e);
      fail(f);
    } finally {
      if (old != null) {
        try {
          Files.deleteIfExists(old);
        } catch (IOException ignored) {
          // a temp file left in the local tier goes with the next trim
        }
      }
    }
  }

  private static void copy(InputStream in, OutputStream out, long n) throws IOException {
    byte[] buf = new byte[64 * 1024];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        throw new IOException("the partial body is shorter than what was written");
      }
      out.write(buf, 0, r);
      n -= r;
    }
  }

  private void fail(IOException e) {
    failure = e;
    closeQuietly();
  }

  private void closeQuietly() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // already failing
      }
      out = null;
    }
  }

  @Override
  public void close() {
    if (out != null) {
      try {
        out.close();
        out = null;
      } catch (IOException e) {
        out = null;
        if (!fellBack) {
          fallBack(e, null, 0, 0);
          close();
        } else {
          failure = e;
        }
      }
    }
  }
}
