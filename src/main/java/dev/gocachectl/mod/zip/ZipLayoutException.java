package dev.gocachectl.mod.zip;

/**
 * A zip Go's {@code archive/zip} would read, but whose layout no zip made by go has and whose
 * content is not read: entries sharing bytes, or more declared content than go extracts from a
 * module zip ({@link ZipDirectory#checkLayout}). Go's own message would be none, or a verdict
 * reached after inflating gigabytes.
 */
public final class ZipLayoutException extends ZipFormatException {
  private static final long serialVersionUID = 1L;

  public ZipLayoutException(String message) {
    super(message);
  }
}
