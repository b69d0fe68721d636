package dev.gocachectl.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of two lists that the other side lacks, in order: {@code ["-O2" "-g" "-I/a"]} against
 * {@code ["-O2" "-g" "-I/b"]} is {@code -I/a} vs {@code -I/b}. When the same tokens merely moved,
 * both whole lists are shown.
 */
record TokenDiff(String a, String b) {
  static TokenDiff of(List<String> left, List<String> right) {
    List<String> onlyLeft = minus(left, right);
    List<String> onlyRight = minus(right, left);
    if (onlyLeft.isEmpty() && onlyRight.isEmpty()) {
      return new TokenDiff(show(left), show(right));
    }
    return new TokenDiff(show(onlyLeft), show(onlyRight));
  }

  /** Splits on white space. */
  static List<String> words(String s) {
    return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
  }

  private static List<String> minus(List<String> from, List<String> take) {
    List<String> rest = new ArrayList<>(take);
    List<String> out = new ArrayList<>();
    for (String t : from) {
      if (!rest.remove(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private static String show(List<String> tokens) {
    return tokens.isEmpty() ? "(none)" : String.join(" ", tokens);
  }
}
