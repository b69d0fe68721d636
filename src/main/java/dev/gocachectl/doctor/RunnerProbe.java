package dev.gocachectl.doctor;

import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.mod.JsonTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

  /**
   * The cgo flag variables and go's defaults for them: go takes the variable from the environment,
   * then from the go env -w file, then the default (envList and buildFlags in
   * cmd/go/internal/work/exec.go, DefaultCFlags "-O2 -g").
   */
  private static final Map<String, String> CGO_FLAGS =
      Map.of(
          "CGO_CFLAGS", "-O2 -g",
          "CGO_CPPFLAGS", "",
          "CGO_CXXFLAGS", "-O2 -g",
          "CGO_FFLAGS", "-O2 -g",
          "CGO_LDFLAGS", "-O2 -g");

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
    Map<String, String> file = readGoEnvFile(goEnv.getOrDefault("GOENV", ""));
    for (Map.Entry<String, String> e : new TreeMap<>(CGO_FLAGS).entrySet()) {
      String v = env.getOrDefault(e.getKey(), "");
      if (v.isEmpty()) {
        v = file.getOrDefault(e.getKey(), "");
      }
      goEnv.put(e.getKey(), v.isEmpty() ? e.getValue() : v);
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

  /** The {@code go env -w} file: {@code NAME=VALUE} lines, as go writes them. */
  private static Map<String, String> readGoEnvFile(String goenv) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (goenv.isEmpty() || goenv.equals("off")) {
      return out;
    }
    Path p = Path.of(goenv);
    if (!Files.isRegularFile(p) || Files.size(p) > 1 << 20) {
      return out;
    }
    for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq).strip(), line.substring(eq + 1));
      }
    }
    return out;
  }
}
