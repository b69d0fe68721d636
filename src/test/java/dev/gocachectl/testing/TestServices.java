package dev.gocachectl.testing;

import java.nio.file.Path;

/**
 * Where {@code scripts/test-services.sh} puts what it builds: {@code $GOCACHECTL_TEST_SERVICES},
 * else {@code ~/.cache/gocachectl/test-services} (outside target/, so {@code mvn clean} does not
 * cost a rebuild of bazel-remote). The system property {@code gocachectl.test.services} wins.
 */
final class TestServices {
  private TestServices() {}

  static Path dir() {
    String prop = System.getProperty("gocachectl.test.services");
    if (prop != null) {
      return Path.of(prop);
    }
    String env = System.getenv("GOCACHECTL_TEST_SERVICES");
    if (env != null && !env.isEmpty()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "gocachectl", "test-services");
  }
}
