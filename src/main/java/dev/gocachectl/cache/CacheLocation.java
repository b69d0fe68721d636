package dev.gocachectl.cache;

import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the build cache is: {@code --cache DIR}, else {@code $GOCACHE}, else what {@code go env
 * GOCACHE} says (which also reads the {@code go env -w} file and applies the OS default), else Go's
 * default computed here when go itself is not installed.
 *
 * <p>As in Go, {@code GOCACHE} must be absolute (go refuses a relative one: "GOCACHE is not an
 * absolute path") and {@code off} disables the cache.
 */
public final class CacheLocation {
  private CacheLocation() {}

  /**
   * Resolves the cache directory.
   *
   * @param flag the {@code --cache} value, if given (may be relative to the working directory)
   * @param env the environment
   * @throws IOException with a message naming the source and what to do
   */
  public static Path resolve(Optional<Path> flag, Map<String, String> env) throws IOException {
    if (flag.isPresent()) {
      return flag.get().toAbsolutePath().normalize();
    }
    String fromEnv = env.get("GOCACHE");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return checked(fromEnv, "$GOCACHE");
    }
    Optional<GoTool> go = GoTool.find(env);
    if (go.isPresent()) {
      String value = go.get().env("GOCACHE");
      if (!value.isEmpty()) {
        return checked(value, "go env GOCACHE");
      }
    }
    return defaultDir(env);
  }

  private static Path checked(String value, String source) throws IOException {
    if (value.equals("off")) {
      throw new IOException(
          source + " is off: the build cache is disabled; pass --cache DIR to inspect a cache");
    }
    Path p = Path.of(value);
    if (!p.isAbsolute()) {
      throw new IOException(
          source
              + " = "
              + value
              + " is not an absolute path (go refuses it too); set an absolute"
              + " path or pass --cache DIR");
    }
    return p.normalize();
  }

  /** Go's {@code os.UserCacheDir()/go-build} on Unix-like systems. */
  static Path defaultDir(Map<String, String> env) throws IOException {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String home = env.get("HOME");
    if (os.contains("mac")) {
      if (home == null || home.isEmpty()) {
        throw new IOException("GOCACHE is not defined and $HOME is not defined; pass --cache DIR");
      }
      return Path.of(home, "Library", "Caches", "go-build");
    }
    if (os.contains("win")) {
      String local = env.get("LocalAppData");
      if (local == null || local.isEmpty()) {
        throw new IOException(
            "GOCACHE is not defined and %LocalAppData% is not defined; pass --cache DIR");
      }
      return Path.of(local, "go-build");
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isEmpty()) {
      if (!Path.of(xdg).isAbsolute()) {
        throw new IOException(
            "GOCACHE is not defined and path in $XDG_CACHE_HOME is relative; pass --cache DIR");
      }
      return Path.of(xdg, "go-build");
    }
    if (home == null || home.isEmpty()) {
      throw new IOException(
          "GOCACHE is not defined and neither $XDG_CACHE_HOME nor $HOME are defined; pass --cache"
              + " DIR");
    }
    return Path.of(home, ".cache", "go-build");
  }
}
