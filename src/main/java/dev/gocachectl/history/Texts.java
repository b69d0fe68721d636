package dev.gocachectl.history;

/** Bounds on the strings the history stores and quotes in messages. */
final class Texts {
  private Texts() {}

  /** At most {@code max} characters, never ending in half a surrogate pair. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }

  /** For an error message: control characters as {@code ?}, at most {@code max} characters. */
  static String printable(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return b.toString();
  }
}
