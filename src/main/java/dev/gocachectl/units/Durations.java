package dev.gocachectl.units;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as people write them, read and shown the same way by every command and {@code --remote}
 * URL.
 *
 * <h2>Grammar</h2>
 *
 * <p>Go's {@code time.ParseDuration} (Go's {@code src/time/format.go}) plus days: one or more
 * decimal numbers, each with an optional fraction and a unit, written together: {@code 500ms},
 * {@code 10s}, {@code 1.5h}, {@code 1h30m}, {@code 7d}. Units: {@code ns}, {@code us} (or {@code
 * µs}), {@code ms}, {@code s}, {@code m}, {@code h}, and {@code d} for 24 hours. A lone {@code 0}
 * is zero; any other number needs a unit. Units may be written in capitals ({@code 7D}). Unlike Go,
 * no sign: every duration here is a length of time. The largest is Go's, about 292 years ({@code
 * 2^63-1} nanoseconds).
 *
 * <p>Written by hand, without regular expressions, string concatenation or lambdas on its success
 * path: it runs on {@code gocachectl prog}'s start-up path.
 */
public final class Durations {
  /** The forms an error message shows. */
  public static final String EXAMPLES = "24h, 90m, 1h30m, 7d, 45s, 500ms";

  private static final long NANOS_PER_DAY = 86_400_000_000_000L;

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException quoting the text and showing the accepted forms
   */
  public static Duration parse(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(text, "");
    }
    long total = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      // [0-9]*
      long whole = 0;
      int start = i;
      while (i < n && isDigit(s.charAt(i))) {
        if (whole > (Long.MAX_VALUE - 9) / 10) {
          throw tooLarge(text);
        }
        whole = whole * 10 + (s.charAt(i) - '0');
        i++;
      }
      boolean digitsBefore = i > start;
      // (\.[0-9]*)?
      long fraction = 0;
      double scale = 1;
      boolean digitsAfter = false;
      if (i < n && s.charAt(i) == '.') {
        i++;
        int fracStart = i;
        boolean overflow = false;
        while (i < n && isDigit(s.charAt(i))) {
          if (!overflow) {
            if (fraction > (Long.MAX_VALUE - 9) / 10) {
              overflow = true; // further digits are below a nanosecond: ignored, as Go does
            } else {
              fraction = fraction * 10 + (s.charAt(i) - '0');
              scale *= 10;
            }
          }
          i++;
        }
        digitsAfter = i > fracStart;
      }
      if (!digitsBefore && !digitsAfter) {
        throw invalid(text, "");
      }
      // the unit: everything up to the next number
      int unitStart = i;
      while (i < n && !isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      if (i == unitStart) {
        throw invalid(text, ": a number without a unit");
      }
      long unit = unitNanos(s.substring(unitStart, i));
      if (unit == 0) {
        throw invalid(text, ": unknown unit '" + s.substring(unitStart, i) + "'");
      }
      if (whole > Long.MAX_VALUE / unit) {
        throw tooLarge(text);
      }
      long v = whole * unit;
      if (fraction > 0) {
        // as Go: a double is exact enough for a fraction of the largest unit
        v += (long) (fraction * (unit / scale));
        if (v < 0) {
          throw tooLarge(text);
        }
      }
      total += v;
      if (total < 0) {
        throw tooLarge(text);
      }
    }
    return Duration.ofNanos(total);
  }

  /**
   * Go's form, as {@code time.Duration.String} writes it but without zero parts, so that it parses
   * back: {@code 7d}, {@code 36h}, {@code 1h30m}, {@code 1m30s}, {@code 1.2s}, {@code 500ms}.
   */
  public static String format(Duration d) {
    long s = d.toSeconds();
    int nano = d.getNano();
    if (s == 0 && nano == 0) {
      return "0s";
    }
    if (s >= 86_400 && s % 86_400 == 0 && nano == 0) {
      return s / 86_400 + "d";
    }
    if (s == 0) {
      return decimal(nano, 1_000_000) + "ms";
    }
    StringBuilder b = new StringBuilder();
    if (s >= 3_600) {
      b.append(s / 3_600).append('h');
    }
    if (s % 3_600 >= 60) {
      b.append(s % 3_600 / 60).append('m');
    }
    if (s % 60 != 0 || nano != 0) {
      b.append(decimal(s % 60 * 1_000_000_000L + nano, 1_000_000_000L)).append('s');
    }
    return b.toString();
  }

  /** {@code value / unit} with the fraction's trailing zeros dropped. */
  private static String decimal(long value, long unit) {
    String whole = Long.toString(value / unit);
    long frac = value % unit;
    if (frac == 0) {
      return whole;
    }
    String digits = Long.toString(unit + frac).substring(1);
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    return whole + "." + digits.substring(0, end);
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "\u00b5s", "\u03bcs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      case "d" -> NANOS_PER_DAY;
      default -> 0L;
    };
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException(
        "invalid duration '" + text + "'" + why + " (expected forms like " + EXAMPLES + ")");
  }

  private static IllegalArgumentException tooLarge(String text) {
    return new IllegalArgumentException(
        "duration '" + text + "' is too large (at most 106751d, about 292 years)");
  }
}
