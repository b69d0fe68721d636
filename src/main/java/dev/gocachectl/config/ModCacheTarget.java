package dev.gocachectl.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * A module cache (GOMODCACHE) that {@code mod-verify} jobs check.
 *
 * @param env go environment variables for it (GOFLAGS, GONOSUMDB, GOPRIVATE, ...), over serve's own
 */
public record ModCacheTarget(String name, Path dir, Map<String, String> env) {
  public ModCacheTarget {
    env = Map.copyOf(env);
  }
}
