package dev.gocachectl.serve;

import dev.gocachectl.history.Cursor;
import dev.gocachectl.history.PageRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A request's query string, taken strictly: only the parameters a path names, each at most once,
 * values of at most 200 characters; anything else is an {@link IllegalArgumentException} whose
 * message the client gets with a 400. No value is ever used as a file name.
 */
final class Query {
  private final Map<String, String> values;

  private Query(Map<String, String> values) {
    this.values = values;
  }

  static Query parse(String rawQuery, Set<String> allowed) {
    Map<String, String> m = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new Query(m);
    }
    if (rawQuery.length() > 2000) {
      throw new IllegalArgumentException("the query string is over 2000 characters");
    }
    for (String kv : rawQuery.split("&", -1)) {
      if (kv.isEmpty()) {
        continue;
      }
      int eq = kv.indexOf('=');
      String k = decode(eq < 0 ? kv : kv.substring(0, eq));
      String v = eq < 0 ? "" : decode(kv.substring(eq + 1));
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(
            "unknown parameter \""
                + printable(k)
                + "\": this path takes "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
      if (v.length() > 200) {
        throw new IllegalArgumentException(k + " is over 200 characters");
      }
      if (m.put(k, v) != null) {
        throw new IllegalArgumentException(k + " is given twice");
      }
    }
    return new Query(m);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the query string is not URL-encoded: " + e.getMessage());
    }
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .limit(60)
        .forEach(c -> b.appendCodePoint(Character.isISOControl(c) || c == '"' ? '?' : c));
    return b.toString();
  }

  String get(String name) {
    return values.get(name);
  }

  /**
   * The page asked for: {@code size} (or its older name {@code limit}), 1 to {@link
   * PageRequest#MAX_SIZE}, default {@code dflt}; {@code cursor} from a previous page's {@code
   * next}.
   */
  PageRequest page(int dflt) {
    String size = values.containsKey("size") ? values.get("size") : values.get("limit");
    String name = values.containsKey("size") ? "size" : "limit";
    if (values.containsKey("size") && values.containsKey("limit")) {
      throw new IllegalArgumentException("give size or limit, not both");
    }
    int n = dflt;
    if (size != null) {
      if (size.isEmpty() || size.length() > 9 || !size.chars().allMatch(Character::isDigit)) {
        n = -1;
      } else {
        n = Integer.parseInt(size);
      }
      if (n < 1 || n > PageRequest.MAX_SIZE) {
        throw new IllegalArgumentException(
            name + " must be 1 to " + PageRequest.MAX_SIZE + ", not \"" + printable(size) + "\"");
      }
    }
    String c = values.get("cursor");
    return new PageRequest(c == null ? null : Cursor.parse(c), n);
  }
}
