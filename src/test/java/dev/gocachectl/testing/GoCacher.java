package dev.gocachectl.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * go-cacher, bradfitz/go-tool-cache's GOCACHEPROG program (a third-party cache program), as {@code
 * scripts/test-services.sh} builds it: {@code
 * $GOCACHECTL_TEST_SERVICES/go-cacher-VERSION/go-cacher} (default {@code
 * ~/.cache/gocachectl/test-services}), or the {@code gocachectl.test.go-cacher} system property.
 */
public final class GoCacher {
  public static final String VERSION = "v0.0.0-20260722201841-0bb331e19f64";

  private GoCacher() {}

  /** The binary; fails the test with what to run when it is missing. */
  public static Path binary() {
    String prop = System.getProperty("gocachectl.test.go-cacher");
    Path p =
        prop != null
            ? Path.of(prop)
            : TestServices.dir().resolve("go-cacher-" + VERSION).resolve("go-cacher");
    if (!Files.isExecutable(p)) {
      throw new AssertionError(
          "go-cacher not found at " + p + "; run scripts/test-services.sh (./test.sh does)");
    }
    return p;
  }
}
