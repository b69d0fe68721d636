package dev.gocachectl.mod;

/** A read position in a version string, for {@link SemVer#parse}. */
final class VersionCursor {
  private final String s;
  private int i;

  VersionCursor(String s, int i) {
    this.s = s;
    this.i = i;
  }

  boolean atEnd() {
    return i == s.length();
  }

  boolean peek(char ch) {
    return i < s.length() && s.charAt(i) == ch;
  }

  boolean take(char ch) {
    if (peek(ch)) {
      i++;
      return true;
    }
    return false;
  }

  /** Digits without a leading zero (a lone 0 is fine), or null. */
  String number() {
    int start = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    if (i == start || (s.charAt(start) == '0' && i - start > 1)) {
      return null;
    }
    return s.substring(start, i);
  }

  /** From here up to (not including) {@code stop} or the end. */
  String rest(char stop) {
    int start = i;
    while (i < s.length() && s.charAt(i) != stop) {
      i++;
    }
    return s.substring(start, i);
  }
}
