package dev.gocachectl.gotool;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line the way go splits GOCACHEPROG and CC ({@code cmd/internal/quoted.Split}):
 * fields separated by space, tab, CR or LF; a field that starts with {@code '} or {@code "} runs to
 * the next same quote, with no unescaping inside; quotes further inside a field are ordinary
 * characters.
 */
public final class QuotedFields {
  private QuotedFields() {}

  /**
   * The fields.
   *
   * @throws IllegalArgumentException "unterminated ' string" (go's message) on an open quote
   */
  public static List<String> split(String s) {
    List<String> f = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        int end = s.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated " + c + " string");
        }
        f.add(s.substring(i + 1, end));
        i = end + 1;
        continue;
      }
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      f.add(s.substring(start, i));
    }
    return f;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
