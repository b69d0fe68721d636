package dev.gocachectl.doctor;

/**
 * Compares Go versions as {@code go/version} does for the forms go.mod and GOVERSION use: {@code
 * 1.21} &lt; {@code 1.21rc1} &lt; {@code 1.21.0} &lt; {@code 1.21.1}; a language version ({@code
 * 1.21}) sorts before every release of it.
 */
final class GoVersion {
  private GoVersion() {}

  static int compare(String a, String b) {
    long[] x = parse(a);
    long[] y = parse(b);
    for (int i = 0; i < x.length; i++) {
      int c = Long.compare(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** major, minor, kind (0 language, 1 beta, 2 rc, 3 release), pre-release number, patch. */
  private static long[] parse(String v) {
    String s = v.startsWith("go") ? v.substring(2) : v;
    long[] out = new long[5];
    String[] dot = s.split("\\.", 3);
    out[0] = num(dot[0]);
    if (dot.length < 2) {
      return out;
    }
    String minor = dot[1];
    int pre = firstLetter(minor);
    out[1] = num(pre < 0 ? minor : minor.substring(0, pre));
    if (pre >= 0) {
      String rest = minor.substring(pre);
      out[2] = rest.startsWith("rc") ? 2 : 1;
      out[3] = num(rest.replaceAll("^[a-z]+", ""));
    } else if (dot.length == 3) {
      out[2] = 3;
      out[4] = num(dot[2]);
    }
    return out;
  }

  private static int firstLetter(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetter(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static long num(String s) {
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      d.append(c);
    }
    if (d.isEmpty() || d.length() > 12) {
      return 0;
    }
    return Long.parseLong(d.toString());
  }
}
