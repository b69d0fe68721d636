package dev.gocachectl.remote;

import dev.gocachectl.units.ByteSize;
import dev.gocachectl.units.Durations;
import java.time.Duration;
import java.util.Locale;

/**
 * One {@code NAME=VALUE} of a {@code --remote} URL's query, read as a flag, a size or a duration; a
 * value that is none of these is an {@link IllegalArgumentException} naming the parameter and
 * giving examples. Sizes and durations are written as on the command line.
 */
public record UrlParam(String name, String value) {

  /** {@code true}, {@code 1}, {@code yes} or {@code false}, {@code 0}, {@code no}. */
  public boolean flag() {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw problem("not true or false");
    };
  }

  /** A size, in the grammar of {@link ByteSize} ({@code 1MiB}, {@code 512KiB}, {@code 65536}). */
  public long size() {
    try {
      return ByteSize.parse(value).bytes();
    } catch (IllegalArgumentException e) {
      throw problem(e.getMessage());
    }
  }

  /** A duration, in the grammar of {@link Durations} ({@code 7d}, {@code 36h}, {@code 1h30m}). */
  public Duration duration() {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw problem(e.getMessage());
    }
  }

  private IllegalArgumentException problem(String what) {
    return new IllegalArgumentException("parameter " + name + "=" + value + ": " + what);
  }
}
