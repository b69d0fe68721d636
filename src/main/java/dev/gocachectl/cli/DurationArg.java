package dev.gocachectl.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations on the command line, in Go's {@code time.ParseDuration} style plus days: {@code 24h},
 * {@code 90m}, {@code 1h30m}, {@code 7d}, {@code 45s}, {@code 0}.
 */
public final class DurationArg {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|d|h|m|s)");

  private DurationArg() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static Duration parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(t);
    int at = 0;
    double nanos = 0;
    while (at < t.length() && m.find(at) && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      nanos +=
          n
              * switch (m.group(2)) {
                case "d" -> 86_400e9;
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                default -> 1e6;
              };
      at = m.end();
    }
    if (at == 0 || at != t.length()) {
      throw new IllegalArgumentException(
          "invalid duration '" + text + "' (expected forms like 24h, 90m, 1h30m, 7d, 45s)");
    }
    return Duration.ofNanos((long) nanos);
  }

  /** Short text: {@code 24h}, {@code 5m}, {@code 1.2s}. */
  public static String format(Duration d) {
    long s = d.toSeconds();
    if (s >= 86_400 && s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s >= 3_600 && s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s >= 60 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return String.format(Locale.ROOT, "%.1fs", d.toNanos() / 1e9);
  }
}
