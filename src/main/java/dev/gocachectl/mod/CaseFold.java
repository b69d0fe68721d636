package dev.gocachectl.mod;

/**
 * Go's simple case folding, as {@code strings.EqualFold} and the module zip rules use it.
 *
 * <p>Two runes are equal under folding when they are in the same {@code unicode.SimpleFold} orbit;
 * {@link #fold} maps a string to the smallest rune of each orbit (then ASCII {@code A-Z} to {@code
 * a-z}), exactly Go's {@code strToFold} in {@code golang.org/x/mod/zip}, so that {@code
 * fold(s).equals(fold(t))} iff Go's {@code EqualFold(s, t)}.
 *
 * <p>Built from the JDK's simple case mappings (upper, lower, title; joined in both directions, so
 * that U+0345 and U+00B5 join their Greek orbits as in CaseFolding.txt), with two differences to
 * Go: U+0130 (İ) and U+0131 (ı) fold only to themselves in Go (their folds in CaseFolding.txt are
 * Turkic or full, not simple), and runes new in Unicode 16.0 (see {@link Letters}) do not fold in
 * Go 1.26. {@code String.equalsIgnoreCase} and {@code toLowerCase} are not the same relation.
 */
public final class CaseFold {
  /** Runes above this have no case mappings in Unicode 16.0. */
  private static final int LIMIT = 0x1F000;

  private CaseFold() {}

  /** Go's {@code strToFold}: a string equal for exactly the strings Go's EqualFold equates. */
  public static String fold(String s) {
    boolean ascii = true;
    boolean lower = true;
    for (int i = 0; i < s.length() && ascii; i++) {
      char ch = s.charAt(i);
      ascii = ch < 0x80;
      lower &= !(ch >= 'A' && ch <= 'Z');
    }
    if (ascii && lower) {
      return s;
    }
    if (ascii) {
      char[] c = s.toCharArray();
      for (int i = 0; i < c.length; i++) {
        if (c[i] >= 'A' && c[i] <= 'Z') {
          c[i] += 'a' - 'A';
        }
      }
      return new String(c);
    }
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> b.appendCodePoint(foldRune(cp)));
    return b.toString();
  }

  /** Go's {@code strings.EqualFold}. */
  public static boolean equalFold(String a, String b) {
    return fold(a).equals(fold(b));
  }

  /** The smallest rune of {@code cp}'s fold orbit, with ASCII upper case mapped to lower. */
  public static int foldRune(int cp) {
    int m = cp < LIMIT ? Orbits.MIN[cp] : cp;
    return m >= 'A' && m <= 'Z' ? m + ('a' - 'A') : m;
  }

  /** The orbit minimum of every rune below {@link #LIMIT}, built on first use (a union-find). */
  private static final class Orbits {
    static final int[] MIN = build();

    private static int[] build() {
      int[] parent = new int[LIMIT];
      for (int i = 0; i < LIMIT; i++) {
        parent[i] = i;
      }
      for (int cp = 0; cp < LIMIT; cp++) {
        if (!folds(cp)) {
          continue;
        }
        union(parent, cp, Character.toLowerCase(cp));
        union(parent, cp, Character.toUpperCase(cp));
        union(parent, cp, Character.toTitleCase(cp));
      }
      for (int i = 0; i < LIMIT; i++) {
        parent[i] = find(parent, i);
      }
      return parent;
    }

    private static boolean folds(int cp) {
      return cp != 0x130 && cp != 0x131 && !Letters.addedIn16(cp);
    }

    private static void union(int[] parent, int a, int b) {
      if (b >= LIMIT || !folds(b)) {
        return;
      }
      int x = find(parent, a);
      int y = find(parent, b);
      if (x < y) {
        parent[y] = x;
      } else if (y < x) {
        parent[x] = y;
      }
    }

    private static int find(int[] parent, int x) {
      while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
      }
      return x;
    }
  }
}
