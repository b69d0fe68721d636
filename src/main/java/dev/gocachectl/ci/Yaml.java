package dev.gocachectl.ci;

import java.util.ArrayList;
import java.util.List;

/** A YAML (or Dockerfile) text being written line by line, with wrapped comments. */
final class Yaml {
  private static final int WIDTH = 100;
  private final StringBuilder out = new StringBuilder();

  void line(String s) {
    out.append(s).append('\n');
  }

  void comment(String text) {
    comment("", text);
  }

  /** {@code text} as "# " lines indented by {@code indent}, wrapped at 100 columns. */
  void comment(String indent, String text) {
    for (String l : wrap(text, WIDTH - indent.length() - 2)) {
      out.append(indent).append("# ").append(l).append('\n');
    }
  }

  String text() {
    return out.toString();
  }

  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String w : text.split(" ", -1)) {
      if (cur.length() > 0 && cur.length() + 1 + w.length() > width) {
        lines.add(cur.toString());
        cur.setLength(0);
      }
      if (cur.length() > 0) {
        cur.append(' ');
      }
      cur.append(w);
    }
    if (cur.length() > 0) {
      lines.add(cur.toString());
    }
    return lines;
  }

  /** A YAML scalar that needs no escapes (the values here are plain ASCII), double quoted. */
  static String quote(String s) {
    return "\"" + s + "\"";
  }
}
