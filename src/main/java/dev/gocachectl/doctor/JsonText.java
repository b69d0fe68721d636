package dev.gocachectl.doctor;

/**
 * Text from another program, made safe to show on one line: control characters escaped, bounded.
 */
final class JsonText {
  private JsonText() {}

  static String clip(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 200; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.length() >= 200 && s.length() > 200 ? b + "..." : b.toString();
  }
}
