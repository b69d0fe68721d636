package dev.gocachectl.serve;

import java.nio.file.Path;

/**
 * A cache directory serve reports the state of: a name for the {@code cache} label (chosen by the
 * user, bounded by the configuration), whether it is a GOCACHE or a prog dir ({@code kind}), the
 * directory, and its size budget in bytes (0: none).
 */
public record WatchedCache(String name, String kind, Path dir, long budgetBytes) {
  public static final String GOCACHE = "gocache";
  public static final String PROG = "prog";

  public WatchedCache {
    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "cache name \"" + name + "\" must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    if (!kind.equals(GOCACHE) && !kind.equals(PROG)) {
      throw new IllegalArgumentException("cache kind must be gocache or prog, not " + kind);
    }
  }
}
