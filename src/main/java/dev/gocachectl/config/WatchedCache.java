package dev.gocachectl.config;

import java.nio.file.Path;

/**
 * A cache directory serve reports the state of and runs jobs on: a name for the {@code cache} label
 * (chosen by the user, bounded by the configuration), whether it is a GOCACHE or a prog dir ({@code
 * kind}), the directory, and its size budget in bytes (0: none).
 */
public record WatchedCache(String name, String kind, Path dir, long budgetBytes) {
  public static final String GOCACHE = "gocache";
  public static final String PROG = "prog";

  public WatchedCache {
    if (!Names.valid(name)) {
      throw new IllegalArgumentException(Names.rule("cache name", name));
    }
    if (!kind.equals(GOCACHE) && !kind.equals(PROG)) {
      throw new IllegalArgumentException("cache kind must be gocache or prog, not " + kind);
    }
  }
}
