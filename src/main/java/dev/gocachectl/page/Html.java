package dev.gocachectl.page;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An HTML writer with escaping by construction: every text and every attribute value goes through
 * {@link #escape}, the one path from a string to the page. Element and attribute names are checked
 * against a fixed vocabulary, so that no caller can open a {@code script}, an event handler ({@code
 * on...}) or a {@code style} attribute, and a link leads only to a path of this server or an anchor
 * on the page. Elements are closed in order ({@link #close}); {@link #finish} refuses a page left
 * open.
 */
final class Html {
  private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9-]{0,31}");
  private static final Set<String> ELEMENTS =
      Set.of(
          "html",
          "head",
          "title",
          "meta",
          "style",
          "body",
          "header",
          "nav",
          "main",
          "section",
          "footer",
          "h1",
          "h2",
          "h3",
          "p",
          "a",
          "span",
          "strong",
          "em",
          "code",
          "small",
          "ul",
          "li",
          "table",
          "thead",
          "tbody",
          "tr",
          "th",
          "td",
          "details",
          "summary",
          "div",
          "svg",
          "g",
          "line",
          "polyline",
          "circle",
          "rect",
          "text",
          "meter");
  private static final Set<String> VOID = Set.of("meta", "line", "polyline", "circle", "rect");
  private static final Set<String> URL_ATTRIBUTES = Set.of("href");

  private final StringBuilder out = new StringBuilder(16 << 10);
  private final Deque<String> open = new ArrayDeque<>();

  Html doctype() {
    out.append("<!DOCTYPE html>\n");
    return this;
  }

  /** Opens {@code tag} with attributes given as name, value pairs (values escaped). */
  Html open(String tag, String... attributes) {
    start(tag, attributes);
    if (!VOID.contains(tag)) {
      open.push(tag);
    }
    return this;
  }

  /** An element holding only text. */
  Html el(String tag, Object text, String... attributes) {
    return open(tag, attributes).text(text).close();
  }

  /** Closes the innermost open element. */
  Html close() {
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** Text, escaped; {@code null} writes nothing. */
  Html text(Object text) {
    if (text != null) {
      escape(String.valueOf(text), out);
    }
    return this;
  }

  /** The page; every element must have been closed. */
  String finish() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("elements left open: " + open);
    }
    return out.toString();
  }

  private void start(String tag, String... attributes) {
    if (!ELEMENTS.contains(tag)) {
      throw new IllegalArgumentException("element not allowed on the page: " + tag);
    }
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come as name, value pairs");
    }
    out.append('<').append(tag);
    for (int i = 0; i < attributes.length; i += 2) {
      String name = attributes[i];
      if (!NAME.matcher(name).matches() || name.startsWith("on") || name.equals("style")) {
        throw new IllegalArgumentException("attribute not allowed on the page: " + name);
      }
      String value = attributes[i + 1];
      if (URL_ATTRIBUTES.contains(name) && !localLink(value)) {
        throw new IllegalArgumentException("a link must be a path of this server: " + value);
      }
      out.append(' ').append(name).append("=\"");
      escape(value, out);
      out.append('"');
    }
    out.append(VOID.contains(tag) ? "/>" : ">");
  }

  /** A path on this server ({@code /x}, not {@code //host}) or an anchor ({@code #x}). */
  private static boolean localLink(String v) {
    return (v.startsWith("/") && !v.startsWith("//") && !v.contains("\\")) || v.startsWith("#");
  }

  /**
   * The one escaping path. The five characters HTML gives meaning to become references; control
   * characters (C0 but tab and newline, DEL, C1), bidirectional and invisible formatting characters
   * (which can make a string read otherwise than it is, CVE-2021-42574), line and paragraph
   * separators and lone surrogates become a visible {@code [U+XXXX]}, so that what a report carries
   * is shown as it is, never acted on.
   */
  static void escape(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1))) {
              out.append(c).append(s.charAt(++i));
            } else {
              visible(c, out);
            }
          } else if (hidden(c)) {
            visible(c, out);
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    escape(s, b);
    return b.toString();
  }

  private static boolean hidden(char c) {
    return (c < 0x20 && c != '\t' && c != '\n')
        || (c >= 0x7f && c <= 0x9f)
        || c == 0x061c // Arabic letter mark
        || (c >= 0x200b && c <= 0x200f) // zero width, left-to-right and right-to-left marks
        || (c >= 0x2028 && c <= 0x202e) // separators, embeddings and overrides
        || (c >= 0x2060 && c <= 0x2069) // word joiner, isolates
        || c == 0xfeff;
  }

  private static void visible(char c, StringBuilder out) {
    out.append(String.format("[U+%04X]", (int) c));
  }
}
