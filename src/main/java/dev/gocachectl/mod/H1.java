package dev.gocachectl.mod;

import dev.gocachectl.cache.Hash;
import java.util.Base64;
import java.util.Optional;

/**
 * An {@code h1:} hash, the only algorithm go.sum, {@code .ziphash} files and the checksum database
 * use: {@code "h1:"} and the standard, padded base64 of a SHA-256 ({@link DirHash}), 47 ASCII
 * characters. Go compares these as strings, and so does this record.
 *
 * @param text the 47-character form
 */
public record H1(String text) {
  /** Length of the text form: {@code h1:} plus 44 base64 characters. */
  public static final int LENGTH = 47;

  /** The h1 of a 0-length go.mod, written by an old go bug; go drops go.sum lines with it. */
  public static final H1 EMPTY_GO_MOD = new H1("h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=");

  public H1 {
    if (!isValid(text)) {
      throw new IllegalArgumentException("not an h1 hash: " + text);
    }
  }

  /** The h1 of a SHA-256 summary. */
  public static H1 of(Hash summary) {
    return new H1("h1:" + summary.base64());
  }

  /** Parses an h1 hash, or empty if {@code text} is not one. */
  public static Optional<H1> parse(String text) {
    return isValid(text) ? Optional.of(new H1(text)) : Optional.empty();
  }

  /** Go's {@code isValidSum} for ziphash files plus the {@code h1:} prefix and base64 check. */
  public static boolean isValid(String text) {
    if (text == null || text.length() != LENGTH || !text.startsWith("h1:") || !text.endsWith("=")) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(text.substring(3)).length == Hash.SIZE;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
