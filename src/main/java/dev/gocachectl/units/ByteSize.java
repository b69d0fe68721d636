package dev.gocachectl.units;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes, as given on the command line and as shown to people.
 *
 * <h2>Grammar</h2>
 *
 * <p>The one grammar of sizes, on every command line and in {@code --remote} URLs, with nothing
 * between the number and its unit:
 *
 * <ul>
 *   <li>a whole number of bytes: {@code 65536}; or
 *   <li>a number (a decimal fraction allowed: {@code 1.5}) followed by one of the units {@code K},
 *       {@code KB}, {@code M}, {@code MB}, {@code G}, {@code GB}, {@code T}, {@code TB} (powers of
 *       1000) or {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB} (powers of 1024); or a whole
 *       number followed by {@code B} (bytes).
 * </ul>
 *
 * <p>Case is exact, as SI and IEC write the units, with one allowance: the kilo prefix may be
 * {@code k} or {@code K} ({@code 30k}, {@code 64kB}, {@code 64KiB}). {@code M}, {@code G}, {@code
 * T} and the final {@code B} are upper case ({@code m} would be milli, {@code b} bits: {@code 10Mb}
 * is refused) and the {@code i} of the binary units lower case. Refused, each with the accepted
 * forms in the message: a fraction without a unit ({@code 1.5}: a fraction of a byte), a space
 * ({@code 10 G}), another case ({@code 10gb}), a binary prefix without its {@code B} ({@code 2Ti}).
 * A fraction of a byte left by a fractional number is dropped ({@code 0.1KiB} is 102 bytes).
 * Printing uses powers of 1024.
 */
public record ByteSize(long bytes) {
  private static final Pattern SYNTAX =
      Pattern.compile("(\\d+)(B?)|(\\d+(?:\\.\\d+)?)([kKMGT])(iB|B)?");

  /** The forms shown when a size is refused. */
  static final String FORMS =
      "a whole number of bytes, or a number and a unit with no space: 500M, 10GB, 1.5GiB, 64KiB;"
          + " units K M G T (x1000), KiB MiB GiB TiB (x1024), B";

  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes < 0: " + bytes);
    }
  }

  /**
   * Parses a size (the class comment's grammar).
   *
   * @throws IllegalArgumentException with a message that quotes the text and shows the accepted
   *     forms
   */
  public static ByteSize parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid size '" + text + "' (expected " + FORMS + ")");
    }
    BigDecimal bytes;
    if (m.group(1) != null) {
      bytes = new BigDecimal(m.group(1));
    } else {
      int power =
          switch (m.group(4)) {
            case "k", "K" -> 1;
            case "M" -> 2;
            case "G" -> 3;
            default -> 4;
          };
      boolean binary = "iB".equals(m.group(5));
      bytes =
          new BigDecimal(m.group(3)).multiply(BigDecimal.valueOf(binary ? 1024 : 1000).pow(power));
    }
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
