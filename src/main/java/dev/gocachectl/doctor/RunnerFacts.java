package dev.gocachectl.doctor;

import dev.gocachectl.gotool.CcToolId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Everything doctor learned about the runner before judging it: gathered once, in parallel, by
 * {@link RunnerProbe}, then read by every check.
 *
 * @param env the environment go runs with
 * @param goEnv the variables of {@code go env -json} but PKG_CONFIG and GOGCCFLAGS
 * @param goEnvFile the variables of the {@code go env -w} file (GOENV), as written
 * @param workDir where the build runs (the checkout)
 * @param moduleRoot the directory of the go.mod above {@code workDir}
 * @param gitRoot the directory holding {@code .git} above {@code workDir}
 * @param uid the user doctor (and so go) runs as; -1 when unknown
 * @param ci the CI system
 * @param cc the C compiler's ID as go computes it (when cgo is on)
 * @param mounts the mount table
 * @param cache what GOCACHE holds (when it is an existing absolute directory)
 * @param now the time
 * @param goEnvMillis how long {@code go env -json} took
 */
public record RunnerFacts(
    Map<String, String> env,
    Map<String, String> goEnv,
    Map<String, String> goEnvFile,
    Path workDir,
    Optional<Path> moduleRoot,
    Optional<Path> gitRoot,
    int uid,
    CiKind ci,
    Optional<CcToolId> cc,
    MountTable mounts,
    Optional<CacheUsage> cache,
    Instant now,
    long goEnvMillis) {

  /** A {@code go env} value, "" when absent. */
  public String go(String name) {
    return goEnv.getOrDefault(name, "");
  }

  /** A raw environment value, "" when unset. */
  public String raw(String name) {
    return env.getOrDefault(name, "");
  }

  /** Whether the variable is set in the environment (not only in the go env file). */
  public boolean setInEnv(String name) {
    return env.containsKey(name);
  }

  /**
   * A flag in GOFLAGS: {@code "true"} for a bare {@code -name}, the value of {@code -name=value},
   * the last one winning as in go's flag parsing; empty when absent.
   */
  public Optional<String> goflag(String name) {
    Optional<String> found = Optional.empty();
    for (String f : go("GOFLAGS").strip().split("\\s+", -1)) {
      String bare = f.startsWith("--") ? f.substring(2) : f.startsWith("-") ? f.substring(1) : null;
      if (bare == null) {
        continue;
      }
      if (bare.equals(name)) {
        found = Optional.of("true");
      } else if (bare.startsWith(name + "=")) {
        found = Optional.of(bare.substring(name.length() + 1));
      }
    }
    return found;
  }

  /** GOCACHE when go can use it: absolute, not {@code off}. */
  public Optional<Path> gocache() {
    String v = go("GOCACHE");
    if (v.isEmpty() || v.equals("off") || !Path.of(v).isAbsolute()) {
      return Optional.empty();
    }
    return Optional.of(Path.of(v));
  }

  /** The nearest directory at or above {@code dir} that holds {@code name}. */
  static Optional<Path> above(Path dir, String name) {
    for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(name))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
