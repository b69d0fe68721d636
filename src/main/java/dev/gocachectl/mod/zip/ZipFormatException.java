package dev.gocachectl.mod.zip;

import java.io.IOException;

/**
 * A zip file Go's {@code archive/zip} would refuse to read; the message is Go's ({@code zip: not a
 * valid zip file}, {@code zip: checksum error}, {@code zip: unsupported compression algorithm},
 * {@code unexpected EOF}) with the entry concerned.
 */
public class ZipFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public ZipFormatException(String message) {
    super(message);
  }
}
