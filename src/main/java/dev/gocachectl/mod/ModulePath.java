package dev.gocachectl.mod;

import java.util.Optional;

/**
 * A module path such as {@code github.com/Azure/go-autorest} (valid per Go's {@code
 * module.CheckPath}, see {@link PathRules}).
 *
 * <p><b>Escaping</b> (Go's {@code module.EscapePath}; used in GOMODCACHE directory names and
 * GOPROXY/sumdb URLs so that case-insensitive file systems keep paths apart): every upper case
 * ASCII letter {@code X} becomes {@code !x}; nothing else changes. Unescaping rejects a {@code !}
 * not followed by {@code a-z}, a bare upper case letter and non-ASCII.
 *
 * @param value the unescaped path
 */
public record ModulePath(String value) implements Comparable<ModulePath> {
  public ModulePath {
    Optional<String> bad = PathRules.checkModulePath(value);
    if (bad.isPresent()) {
      throw new IllegalArgumentException("malformed module path \"" + value + "\": " + bad.get());
    }
  }

  /** Parses a path, or empty if Go would reject it. */
  public static Optional<ModulePath> parse(String value) {
    return PathRules.checkModulePath(value).isPresent()
        ? Optional.empty()
        : Optional.of(new ModulePath(value));
  }

  /** Decodes an escaped path (a GOMODCACHE directory name), or empty if it is not valid. */
  public static Optional<ModulePath> unescape(String escaped) {
    return unescapeString(escaped).flatMap(ModulePath::parse);
  }

  /** Go's {@code module.EscapePath}. */
  public String escaped() {
    return escapeString(value);
  }

  /**
   * Go's {@code module.SplitPathVersion}: the {@code /vN} (or gopkg.in {@code .vN}) major suffix,
   * empty string when there is none; empty Optional when the suffix is malformed ({@code /v1},
   * {@code /v0}, {@code /v2.1}).
   */
  public static Optional<String> splitMajor(String path) {
    if (path.startsWith("gopkg.in/")) {
      return gopkgInMajor(path);
    }
    int i = path.length();
    boolean dot = false;
    while (i > 0 && (Character.isDigit(path.charAt(i - 1)) || path.charAt(i - 1) == '.')) {
      dot |= path.charAt(i - 1) == '.';
      i--;
    }
    if (i <= 1 || i == path.length() || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '/') {
      return Optional.of("");
    }
    String major = path.substring(i - 2);
    if (dot || major.length() <= 2 || major.charAt(2) == '0' || major.equals("/v1")) {
      return Optional.empty();
    }
    return Optional.of(major);
  }

  private static Optional<String> gopkgInMajor(String path) {
    int i = path.length();
    if (path.endsWith("-unstable")) {
      i -= "-unstable".length();
    }
    while (i > 0 && path.charAt(i - 1) >= '0' && path.charAt(i - 1) <= '9') {
      i--;
    }
    if (i <= 1 || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '.') {
      return Optional.empty();
    }
    String major = path.substring(i - 2);
    if (major.length() <= 2 || (major.charAt(2) == '0' && !major.equals(".v0"))) {
      return Optional.empty();
    }
    return Optional.of(major);
  }

  static String escapeString(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= 'A' && ch <= 'Z') {
        if (b == null) {
          b = new StringBuilder(s.length() + 4).append(s, 0, i);
        }
        b.append('!').append((char) (ch + ('a' - 'A')));
      } else if (b != null) {
        b.append(ch);
      }
    }
    return b == null ? s : b.toString();
  }

  static Optional<String> unescapeString(String escaped) {
    StringBuilder b = new StringBuilder(escaped.length());
    boolean bang = false;
    for (int i = 0; i < escaped.length(); i++) {
      char ch = escaped.charAt(i);
      if (ch >= 0x80) {
        return Optional.empty();
      }
      if (bang) {
        bang = false;
        if (ch < 'a' || ch > 'z') {
          return Optional.empty();
        }
        b.append((char) (ch - ('a' - 'A')));
      } else if (ch == '!') {
        bang = true;
      } else if (ch >= 'A' && ch <= 'Z') {
        return Optional.empty();
      } else {
        b.append(ch);
      }
    }
    return bang ? Optional.empty() : Optional.of(b.toString());
  }

  @Override
  public int compareTo(ModulePath o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
