package dev.gocachectl.mod.zip;

import java.util.ArrayList;
import java.util.List;

/** Go's {@code path.Clean}, for the file names in module zips (which must already be clean). */
final class CleanPath {
  private CleanPath() {}

  /**
   * Whether Go's {@code path.Clean} leaves {@code p} as it is: certainly when no element is empty,
   * {@code .} or {@code ..}; otherwise it is cleaned and compared.
   */
  static boolean isClean(String p) {
    int start = 0;
    for (int i = 0; i <= p.length(); i++) {
      if (i == p.length() || p.charAt(i) == '/') {
        int len = i - start;
        if (len == 0 || (len <= 2 && p.startsWith(len == 1 ? "." : "..", start))) {
          return clean(p).equals(p);
        }
        start = i + 1;
      }
    }
    return true;
  }

  /** Go's {@code path.Clean} for the relative paths found in zips. */
  static String clean(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    boolean rooted = p.charAt(0) == '/';
    List<String> out = new ArrayList<>();
    for (String part : p.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!out.isEmpty() && !out.getLast().equals("..")) {
          out.removeLast();
        } else if (!rooted) {
          out.add(part);
        }
      } else {
        out.add(part);
      }
    }
    String joined = String.join("/", out);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }
}
