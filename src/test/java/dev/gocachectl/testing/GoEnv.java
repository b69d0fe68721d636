package dev.gocachectl.testing;

import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real go command in an isolated, reproducible environment: its own HOME, GOPATH and GOCACHE,
 * no network, no user configuration, no GOFLAGS from the machine.
 */
public final class GoEnv {
  private GoEnv() {}

  /** The go tool rooted at {@code home}, using {@code gocache}. */
  public static GoTool isolated(Path home, Path gocache) {
    try {
      Files.createDirectories(home);
      Map<String, String> env = new HashMap<>();
      for (String keep : List.of("PATH", "TMPDIR", "LANG")) {
        String v = System.getenv(keep);
        if (v != null) {
          env.put(keep, v);
        }
      }
      env.put("HOME", home.toString());
      env.put("GOPATH", home.resolve("gopath").toString());
      env.put("GOMODCACHE", home.resolve("gopath/pkg/mod").toString());
      env.put("GOCACHE", gocache.toString());
      env.put("GOENV", "off");
      env.put("GOFLAGS", "-buildvcs=false");
      env.put("GOTOOLCHAIN", "local");
      env.put("GOPROXY", "off");
      env.put("GOSUMDB", "off");
      env.put("GOTELEMETRY", "off");
      env.put("CGO_ENABLED", "1");
      return GoTool.require(env);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs go and fails the test with go's stderr if it fails. */
  public static GoTool.Result ok(GoTool go, Path dir, String... args) {
    try {
      GoTool.Result r = go.run(dir, List.of(args));
      if (!r.ok()) {
        throw new AssertionError(
            "go " + String.join(" ", args) + " failed (" + r.exitCode() + "):\n" + r.stderr());
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
