package dev.gocachectl.doctor;

import dev.gocachectl.gotool.CcToolId;
import dev.gocachectl.gotool.GoEnvFile;
import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.mod.JsonTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Gathers {@link RunnerFacts}: one {@code go env -json NAME...} (run outside any module, so that a
 * go.mod asking for a newer toolchain cannot make it download one; doctor reads go.mod itself),
 * then in parallel the C compiler's ID, the mount table and a scan of GOCACHE.
 */
final class RunnerProbe {
  /**
   * What doctor asks {@code go env -json} for: every variable it prints except the "costly" ones
   * (CGO_CFLAGS..., PKG_CONFIG, GOGCCFLAGS). Listing every variable, or naming a costly one, makes
   * go open the build cache (cmd/go/internal/envcmd/env.go, ExtraEnvVarsCostly builds a
   * work.Builder): with GOCACHEPROG set that starts the cache program, so one that hangs hangs
   * {@code go env} and one that fails fails it, while judging that program is doctor's job. A name
   * this go does not know prints as "".
   */
  private static final List<String> NAMES =
      List.of(
          "AR",
          "CC",
          "CGO_ENABLED",
          "CXX",
          "GCCGO",
          "GO111MODULE",
          "GOARCH",
          "GOAMD64",
          "GOARM",
          "GOARM64",
          "GO386",
          "GOAUTH",
          "GOBIN",
          "GOCACHE",
          "GOCACHEPROG",
          "GODEBUG",
          "GOENV",
          "GOEXE",
          "GOEXPERIMENT",
          "GOFIPS140",
          "GOFLAGS",
          "GOHOSTARCH",
          "GOHOSTOS",
          "GOINSECURE",
          "GOMODCACHE",
          "GONOPROXY",
          "GONOSUMDB",
          "GOOS",
          "GOPATH",
          "GOPRIVATE",
          "GOPROXY",
          "GOROOT",
          "GOSUMDB",
          "GOTELEMETRY",
          "GOTMPDIR",
          "GOTOOLCHAIN",
          "GOTOOLDIR",
          "GOVCS",
          "GOVERSION");

  private RunnerProbe() {}

  static RunnerFacts collect(Map<String, String> env, Path workDir, Instant now)
      throws IOException {
    GoTool go = GoTool.require(env);
    long start = System.nanoTime();
    List<String> args = new ArrayList<>(List.of("env", "-json"));
    args.addAll(NAMES);
    GoTool.Result r = go.run(Path.of("/"), args);
    long goEnvMillis = (System.nanoTime() - start) / 1_000_000;
    if (!r.ok()) {
      throw new IOException(
          "go env -json failed (exit "
              + r.exitCode()
              + "): "
              + r.stderr().strip()
              + "; fix the go environment above, then run doctor again");
    }
    Map<String, String> goEnv = new LinkedHashMap<>();
    if (JsonTree.parse(r.stdout()) instanceof Map<?, ?> m) {
      m.forEach((k, v) -> goEnv.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    } else {
      throw new IOException("go env -json printed no JSON object: " + r.stdout().strip());
    }
    Map<String, String> file = GoEnvFile.read(goEnv.getOrDefault("GOENV", ""));
    for (String name : new java.util.TreeSet<>(GoEnvFile.CGO_FLAGS.keySet())) {
      goEnv.put(name, GoEnvFile.cgoFlags(name, env, file));
    }
    Path dir = workDir.toAbsolutePath().normalize();
    CompletableFuture<Optional<CcToolId>> cc =
        CompletableFuture.supplyAsync(
            () ->
                "1".equals(goEnv.get("CGO_ENABLED"))
                    ? Optional.of(CcToolId.probe(goEnv.getOrDefault("CC", ""), env, dir))
                    : Optional.empty());
    CompletableFuture<MountTable> mounts = CompletableFuture.supplyAsync(RunnerProbe::mounts);
    String gocache = goEnv.getOrDefault("GOCACHE", "");
    CompletableFuture<Optional<CacheUsage>> usage =
        CompletableFuture.supplyAsync(
            () -> {
              if (gocache.isEmpty() || !Path.of(gocache).isAbsolute()) {
                return Optional.empty();
              }
              try {
                return CacheUsage.scan(Path.of(gocache), now);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try {
      return new RunnerFacts(
          Map.copyOf(env),
          goEnv,
          file,
          dir,
          RunnerFacts.above(dir, "go.mod"),
          RunnerFacts.above(dir, ".git"),
          uid(),
          CiKind.detect(env),
          cc.join(),
          mounts.join(),
          usage.join(),
          now,
          goEnvMillis);
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw e;
    }
  }

  private static MountTable mounts() {
    try {
      return MountTable.read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The user this process runs as: the owner of /proc/self. */
  static int uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return -1;
    }
  }
}
