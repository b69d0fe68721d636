package dev.gocachectl.explain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's quoted-string syntax ({@code strconv.Quote}, printed by {@code %q}), in which the go command
 * writes every hash input in a {@code gocachehash} log: {@code "compile\n"}, {@code "CC=[\"gcc\"]
 * [] [\"-O2\" \"-g\"] []\n"}.
 *
 * <p>Escapes: {@code \a \b \f \n \r \t \v \\ \" \'}, {@code \xHH} (one byte, used for bytes that
 * are not valid UTF-8), {@code \NNN} (octal byte), {@code \\uHHHH} and {@code \UHHHHHHHH} (a rune).
 * Printable non-ASCII runes appear as themselves. A quoted string may therefore stand for bytes
 * that are not UTF-8 (a vet line quotes a raw action ID); {@link #unquoteBytes} keeps them, {@link
 * #unquote} decodes them leniently for display.
 *
 * <p>{@code %q} of a {@code []string} is {@code ["a" "b"]}: quoted elements separated by one space,
 * in brackets ({@link #list}).
 */
final class GoQuoted {
  private GoQuoted() {}

  /** The bytes a quoted string stands for. */
  static byte[] unquoteBytes(String quoted) {
    int end = endOf(quoted, 0);
    if (end != quoted.length()) {
      throw new IllegalArgumentException("not one Go-quoted string: " + quoted);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(quoted.length());
    int i = 1;
    while (i < quoted.length() - 1) {
      char c = quoted.charAt(i);
      if (c != '\\') {
        int cp = quoted.codePointAt(i);
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp);
        continue;
      }
      i = escape(quoted, i + 1, out);
    }
    return out.toByteArray();
  }

  /** The text a quoted string stands for (bytes that are not UTF-8 become U+FFFD). */
  static String unquote(String quoted) {
    return new String(unquoteBytes(quoted), StandardCharsets.UTF_8);
  }

  /** Quotes text the way {@code strconv.Quote} does for valid UTF-8. */
  static String quote(String text) {
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    text.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                  if (cp < 0x20 || cp == 0x7f) {
                    b.append(String.format("\\x%02x", cp));
                  } else {
                    b.appendCodePoint(cp);
                  }
                }
              }
            });
    return b.append('"').toString();
  }

  /**
   * Where the quoted string starting at {@code from} ends (the index after its closing quote).
   *
   * @throws IllegalArgumentException if there is no quoted string there
   */
  static int endOf(String s, int from) {
    if (from >= s.length() || s.charAt(from) != '"') {
      throw new IllegalArgumentException("expected a Go-quoted string at offset " + from);
    }
    for (int i = from + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("unterminated Go-quoted string: " + s.substring(from));
  }

  /**
   * Parses {@code %q} of a {@code []string} starting at {@code from}; returns the elements and sets
   * {@code end[0]} to the index after the closing bracket.
   */
  static List<String> list(String s, int from, int[] end) {
    if (from >= s.length() || s.charAt(from) != '[') {
      throw new IllegalArgumentException("expected a quoted list at offset " + from + ": " + s);
    }
    List<String> items = new ArrayList<>();
    int i = from + 1;
    while (i < s.length() && s.charAt(i) != ']') {
      if (s.charAt(i) == ' ') {
        i++;
        continue;
      }
      int e = endOf(s, i);
      items.add(unquote(s.substring(i, e)));
      i = e;
    }
    if (i >= s.length()) {
      throw new IllegalArgumentException("unterminated quoted list: " + s.substring(from));
    }
    end[0] = i + 1;
    return items;
  }

  private static int escape(String q, int i, ByteArrayOutputStream out) {
    char c = q.charAt(i);
    switch (c) {
      case 'a' -> out.write(7);
      case 'b' -> out.write(8);
      case 'f' -> out.write(12);
      case 'n' -> out.write(10);
      case 'r' -> out.write(13);
      case 't' -> out.write(9);
      case 'v' -> out.write(11);
      case '\\', '"', '\'' -> out.write(c);
      case 'x' -> {
        out.write(hex(q, i + 1, 2));
        return i + 3;
      }
      case 'u', 'U' -> {
        int n = c == 'u' ? 4 : 8;
        String rune = new String(Character.toChars(hex(q, i + 1, n)));
        out.writeBytes(rune.getBytes(StandardCharsets.UTF_8));
        return i + 1 + n;
      }
      default -> {
        if (c >= '0' && c <= '7' && i + 2 < q.length()) {
          out.write(Integer.parseInt(q.substring(i, i + 3), 8));
          return i + 3;
        }
        throw new IllegalArgumentException("unknown escape \\" + c + " in " + q);
      }
    }
    return i + 1;
  }

  private static int hex(String q, int from, int n) {
    if (from + n > q.length() - 1) {
      throw new IllegalArgumentException("short hex escape in " + q);
    }
    return Integer.parseInt(q.substring(from, from + n), 16);
  }
}
