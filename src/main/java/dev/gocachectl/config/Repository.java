package dev.gocachectl.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * A Go module checkout whose go.sum files {@code mod-sumdb} jobs check against the checksum
 * database, and whose go.sum lists the versions a mirror set compares.
 *
 * @param dir the directory with go.mod
 * @param env go environment variables (GOSUMDB, GOPROXY, GONOSUMDB, GOFLAGS, ...), over serve's own
 */
public record Repository(String name, Path dir, Map<String, String> env) {
  public Repository {
    env = Map.copyOf(env);
  }
}
