package dev.gocachectl.cli;

import dev.gocachectl.units.ByteSize;
import dev.gocachectl.units.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Picocli converters for sizes and durations; their messages name the accepted forms. */
final class Converters {
  private Converters() {}

  static final class Size implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return ByteSize.parse(value).bytes();
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class Duration implements ITypeConverter<java.time.Duration> {
    @Override
    public java.time.Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A timeout: 0 is refused by name, before anything reads it as no timeout or fails on it. */
  static final class Timeout implements ITypeConverter<java.time.Duration> {
    @Override
    public java.time.Duration convert(String value) {
      java.time.Duration d = new Duration().convert(value);
      if (d.isZero()) {
        throw new TypeConversionException(
            "0 would give every request no time at all; give a duration like 30s or 1m");
      }
      return d;
    }
  }

  /**
   * A point in time: RFC 3339 ({@code 2026-12-08T01:30:00Z}, {@code 2026-12-08T02:30:00+01:00}, as
   * GitLab's CI_JOB_STARTED_AT and {@code date -u +%Y-%m-%dT%H:%M:%SZ} print) or Unix seconds
   * ({@code date +%s}).
   */
  static final class Time implements ITypeConverter<java.time.Instant> {
    @Override
    public java.time.Instant convert(String value) {
      String v = value.strip();
      try {
        if (v.matches("[0-9]{1,12}")) {
          return java.time.Instant.ofEpochSecond(Long.parseLong(v));
        }
        return java.time.OffsetDateTime.parse(v).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a time; give RFC 3339 (2026-12-08T01:30:00Z) or Unix seconds"
                + " (1796693400)");
      }
    }
  }
}
