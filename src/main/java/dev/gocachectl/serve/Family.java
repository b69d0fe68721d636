package dev.gocachectl.serve;

import java.util.List;

/**
 * One metric family that serve exports: its name (without {@code _total}, which the exposition adds
 * to counters), help, type and label names. {@code byUser} families carry the report's labels first
 * ({@link LabelPolicy#names()}), then their own.
 */
record Family(String name, String help, Type type, boolean byUser, List<String> labels) {
  enum Type {
    COUNTER,
    GAUGE,
    HISTOGRAM
  }

  static Family counter(String name, String help, boolean byUser, String... labels) {
    return new Family(name, help, Type.COUNTER, byUser, List.of(labels));
  }

  static Family gauge(String name, String help, boolean byUser, String... labels) {
    return new Family(name, help, Type.GAUGE, byUser, List.of(labels));
  }
}
