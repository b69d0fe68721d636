package dev.gocachectl.mod;

/**
 * Go's {@code unicode.IsLetter} at the Unicode version of the Go release gocachectl emulates.
 *
 * <p>Go 1.26 ships Unicode 15.0.0; JDK 25 ships Unicode 16.0.0. {@link Character#isLetter} agrees
 * with Go on every code point except the letters Unicode 16.0 added, listed in {@link #ADDED_IN_16}
 * (found by comparing both over all 1,112,064 scalar values; {@code UnicodeTablesGoTest} repeats
 * the comparison against the installed go). Module file names may contain any letter, so a name Go
 * rejects must be rejected here too.
 */
public final class Letters {
  /** Inclusive code point ranges of letters new in Unicode 16.0 (unknown to Go 1.26). */
  static final int[][] ADDED_IN_16 = {
    {0x1c89, 0x1c8a},
    {0xa7cb, 0xa7cd},
    {0xa7da, 0xa7dc},
    {0x105c0, 0x105f3},
    {0x10d4a, 0x10d65},
    {0x10d6f, 0x10d85},
    {0x10ec2, 0x10ec4},
    {0x11380, 0x11389},
    {0x1138b, 0x1138b},
    {0x1138e, 0x1138e},
    {0x11390, 0x113b5},
    {0x113b7, 0x113b7},
    {0x113d1, 0x113d1},
    {0x113d3, 0x113d3},
    {0x11bc0, 0x11be0},
    {0x13460, 0x143fa},
    {0x16100, 0x1611d},
    {0x16d40, 0x16d6c},
    {0x18cff, 0x18cff},
    {0x1e5d0, 0x1e5ed},
    {0x1e5f0, 0x1e5f0},
    {0x2ebf0, 0x2ee5d}
  };

  private Letters() {}

  /** Whether Go's {@code unicode.IsLetter} is true for {@code cp}. */
  public static boolean isLetter(int cp) {
    return Character.isLetter(cp) && !addedIn16(cp);
  }

  /** Whether {@code cp} is one of the letters Unicode 16.0 added (unassigned for Go 1.26). */
  static boolean addedIn16(int cp) {
    if (cp < ADDED_IN_16[0][0]) {
      return false;
    }
    for (int[] r : ADDED_IN_16) {
      if (cp >= r[0] && cp <= r[1]) {
        return true;
      }
    }
    return false;
  }
}
