package dev.gocachectl.units;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes, as given on the command line and as shown to people.
 *
 * <p>The one grammar of sizes, on every command line and in {@code --remote} URLs: a number, with a
 * decimal fraction if wanted, then an optional unit. No unit (or {@code B}) is bytes; {@code k},
 * {@code M}, {@code G}, {@code T} are powers of 1000 and {@code Ki}, {@code Mi}, {@code Gi}, {@code
 * Ti} powers of 1024, each optionally followed by {@code B}, in any case ({@code 500M}, {@code
 * 10GB}, {@code 1.5GiB}, {@code 64kib}, {@code 65536}). A fraction of a byte is dropped. This is
 * ccache's {@code max_size} syntax. Printing uses powers of 1024.
 */
public record ByteSize(long bytes) {
  private static final Pattern SYNTAX =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtT][iI]?)?[bB]?");

  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes < 0: " + bytes);
    }
  }

  /**
   * Parses a size.
   *
   * @throws IllegalArgumentException with a message that shows the accepted forms
   */
  public static ByteSize parse(String text) {
    Matcher m = SYNTAX.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid size '"
              + text
              + "' (expected a number with an optional unit: 500M, 10G, 1.5GiB)");
    }
    BigDecimal n = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    int power =
        unit.isEmpty()
            ? 0
            : switch (unit.charAt(0)) {
              case 'k' -> 1;
              case 'm' -> 2;
              case 'g' -> 3;
              default -> 4;
            };
    BigDecimal base = BigDecimal.valueOf(unit.endsWith("i") ? 1024 : 1000);
    BigDecimal bytes = n.multiply(base.pow(power));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("size '" + text + "' is too large");
    }
    return new ByteSize(bytes.longValue());
  }

  /** {@code 0 B}, {@code 175 B}, {@code 60.9 MiB}. */
  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = bytes;
    int i = -1;
    do {
      v /= 1024;
      i++;
    } while (v >= 1024 && i < units.length - 1);
    return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }

  @Override
  public String toString() {
    return format(bytes);
  }
}
