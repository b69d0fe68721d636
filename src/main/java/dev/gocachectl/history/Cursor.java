package dev.gocachectl.history;

/**
 * Where the next page starts: the items older than this place. Written in URLs as a decimal number
 * ({@code ?cursor=1234}); a client takes it from the page before and never makes one up.
 */
public record Cursor(long value) {
  public Cursor {
    if (value <= 0) {
      throw new IllegalArgumentException("cursor must be a positive number: " + value);
    }
  }

  /** Parses the form {@link #toString} writes; the exception says what was expected. */
  public static Cursor parse(String s) {
    if (s == null || s.isEmpty() || s.length() > 18 || !s.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "cursor must be the number a previous page gave as \"next\"");
    }
    long v = Long.parseLong(s);
    if (v <= 0) {
      throw new IllegalArgumentException(
          "cursor must be the number a previous page gave as \"next\"");
    }
    return new Cursor(v);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
