package dev.gocachectl.remote;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Counts bytes on their way to a stream and refuses any past a limit, so that a remote that sends
 * more than the record promises cannot fill the local disk.
 */
final class SizeLimit extends FilterOutputStream {
  /** More bytes arrived than the record said. */
  static final class TooLong extends IOException {
    private static final long serialVersionUID = 1L;

    TooLong() {
      super("more bytes than announced");
    }
  }

  private final long limit;
  private long count;

  SizeLimit(OutputStream out, long limit) {
    super(out);
    this.limit = limit;
  }

  long count() {
    return count;
  }

  @Override
  public void write(int b) throws IOException {
    if (count + 1 > limit) {
      throw new TooLong();
    }
    out.write(b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (count + len > limit) {
      throw new TooLong();
    }
    out.write(b, off, len);
    count += len;
  }
}
