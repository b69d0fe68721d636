package dev.gocachectl.testing;

import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A GOCACHE warmed once per test run by the real go toolchain over {@link FixtureModule} ({@code go
 * build}, {@code go vet}, {@code go test} and {@code go run}: archives, cgo outputs, vet facts,
 * test logs and a cached executable). Compiling the standard library takes most of a minute on two
 * cores, so tests copy this cache instead of building their own.
 */
public final class WarmCache {
  private static Base base;

  /** The warmed cache, its module, and the home its go ran in. */
  public record Base(Path cache, FixtureModule module, Path home) {}

  private WarmCache() {}

  /** Builds the base on first use. */
  public static synchronized Base base() {
    if (base == null) {
      try {
        Path dir = Path.of("target", "test-work", "base").toAbsolutePath();
        deleteTree(dir); // a previous run's base: built fresh once per run
        Files.createDirectories(dir);
        Path cache = Files.createDirectories(dir.resolve("gocache"));
        FixtureModule m = FixtureModule.write(dir.resolve("fixture"));
        GoTool go = GoEnv.isolated(dir.resolve("home"), cache);
        GoEnv.ok(go, m.dir(), "build", "./...");
        GoEnv.ok(go, m.dir(), "vet", "./...");
        GoEnv.ok(go, m.dir(), "test", "./...");
        GoEnv.ok(go, m.dir(), "run", "./cmd/hello");
        base = new Base(cache, m, dir.resolve("home"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return base;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        Files.delete(p);
      }
    }
  }

  /** A private copy of the warmed cache in {@code target}, with mtimes preserved. */
  public static Path copyTo(Path target) {
    try {
      SimulatedRunner.copyTree(base().cache(), target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** The go tool over a copy of the cache, in the base's module, with its own home. */
  public static GoTool goFor(Path cache, Path home) {
    return GoEnv.isolated(home, cache);
  }
}
