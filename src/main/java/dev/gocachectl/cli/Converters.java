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
}
