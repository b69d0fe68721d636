package dev.gocachectl.remote;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code NAME=VALUE} of a {@code --remote} URL's query, read as a flag, a size or a duration; a
 * value that is none of these is an {@link IllegalArgumentException} naming the parameter and
 * giving examples. The forms are those of the command line's {@code --max-size} and durations.
 */
public record UrlParam(String name, String value) {
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtT]i?)?[bB]?");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|d|h|m|s)");

  /** {@code true}, {@code 1}, {@code yes} or {@code false}, {@code 0}, {@code no}. */
  public boolean flag() {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw problem("is not true or false");
    };
  }

  /**
   * A size: a plain number is bytes, {@code k M G T} are powers of 1000 and {@code Ki Mi Gi Ti}
   * powers of 1024, each optionally followed by {@code B} ({@code 512KiB}, {@code 1MiB}, {@code
   * 1.5M}).
   */
  public long size() {
    Matcher m = SIZE.matcher(value.strip());
    if (!m.matches()) {
      throw problem("is not a size (examples: 1MiB, 512KiB, 2M, 65536)");
    }
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    int power = unit.isEmpty() ? 0 : "kmgt".indexOf(unit.charAt(0)) + 1;
    BigDecimal base = BigDecimal.valueOf(unit.endsWith("i") ? 1024 : 1000);
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(base.pow(power));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw problem("is too large");
    }
    return bytes.longValue();
  }

  /** A duration in Go's style plus days: {@code 7d}, {@code 36h}, {@code 1h30m}, {@code 90s}, 0. */
  public Duration duration() {
    String t = value.strip().toLowerCase(Locale.ROOT);
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION_PART.matcher(t);
    int at = 0;
    double nanos = 0;
    while (at < t.length() && m.find(at) && m.start() == at) {
      double unit =
          switch (m.group(2)) {
            case "d" -> 86_400e9;
            case "h" -> 3_600e9;
            case "m" -> 60e9;
            case "s" -> 1e9;
            default -> 1e6;
          };
      nanos += Double.parseDouble(m.group(1)) * unit;
      at = m.end();
    }
    if (at == 0 || at != t.length()) {
      throw problem("is not a duration (examples: 7d, 36h, 1h30m, 90s)");
    }
    return Duration.ofNanos((long) nanos);
  }

  private IllegalArgumentException problem(String what) {
    return new IllegalArgumentException("parameter " + name + "=" + value + " " + what);
  }
}
