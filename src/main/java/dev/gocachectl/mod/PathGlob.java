package dev.gocachectl.mod;

/**
 * Go's {@code path.Match}: {@code *} matches any run of non-{@code /} characters, {@code ?} one
 * non-{@code /} character, {@code [...]} a class ({@code ^} negates, {@code a-z} ranges), {@code \}
 * escapes. A malformed pattern matches nothing (Go returns ErrBadPattern, which {@link
 * PrefixPatterns} treats as no match).
 */
final class PathGlob {
  private PathGlob() {}

  static boolean match(String pattern, String name) {
    return match(pattern.codePoints().toArray(), 0, name.codePoints().toArray(), 0);
  }

  private static boolean match(int[] p, int pi, int[] s, int si) {
    while (pi < p.length) {
      int c = p[pi];
      if (c == '*') {
        while (pi < p.length && p[pi] == '*') {
          pi++;
        }
        if (pi == p.length) {
          return noSlash(s, si);
        }
        for (int k = si; k <= s.length; k++) {
          if (match(p, pi, s, k)) {
            return true;
          }
          if (k < s.length && s[k] == '/') {
            return false;
          }
        }
        return false;
      }
      if (si >= s.length) {
        return false;
      }
      if (c == '?') {
        if (s[si] == '/') {
          return false;
        }
        pi++;
      } else if (c == '[') {
        int end = classEnd(p, pi);
        if (end < 0 || s[si] == '/' || !inClass(p, pi + 1, end, s[si])) {
          return false;
        }
        pi = end + 1;
      } else {
        if (c == '\\') {
          if (++pi >= p.length) {
            return false;
          }
          c = p[pi];
        }
        if (s[si] != c) {
          return false;
        }
        pi++;
      }
      si++;
    }
    return si == s.length;
  }

  private static boolean noSlash(int[] s, int from) {
    for (int i = from; i < s.length; i++) {
      if (s[i] == '/') {
        return false;
      }
    }
    return true;
  }

  /** Index of the {@code ]} closing the class at {@code open}, or -1 (Go: ErrBadPattern). */
  private static int classEnd(int[] p, int open) {
    int i = open + 1;
    if (i < p.length && p[i] == '^') {
      i++;
    }
    int start = i;
    while (i < p.length) {
      if (p[i] == ']') {
        return i == start ? -1 : i;
      }
      if (p[i] == '-' && i == start) {
        return -1;
      }
      if (p[i] == '\\') {
        i++;
      }
      i++;
    }
    return -1;
  }

  private static boolean inClass(int[] p, int from, int end, int ch) {
    boolean negate = p[from] == '^';
    int i = negate ? from + 1 : from;
    boolean matched = false;
    while (i < end) {
      int lo = p[i] == '\\' ? p[++i] : p[i];
      i++;
      int hi = lo;
      if (i + 1 < end && p[i] == '-') {
        hi = p[i + 1] == '\\' ? p[i + 2] : p[i + 1];
        i += p[i + 1] == '\\' ? 3 : 2;
      }
      matched |= lo <= ch && ch <= hi;
    }
    return matched != negate;
  }
}
