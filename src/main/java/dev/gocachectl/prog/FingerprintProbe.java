package dev.gocachectl.prog;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.gotool.CcToolId;
import dev.gocachectl.gotool.Executables;
import dev.gocachectl.gotool.GoEnvFile;
import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes a go command's {@link BuildFingerprint} off go's path: the environment's part ({@code go
 * env} of the running go program, the tools' {@code -V=full} lines, the C compiler's ID) once per
 * environment, remembered in memory (the daemon) and in the local tier's {@code
 * gocachectl/fingerprints/} (one prog process per go command), keyed by the SHA-256 of the
 * variables that decide it ({@link #VARIABLES}), the go program's and the C compiler's path, size
 * and time, and the go env -w file's; then the command's own part (module root, {@code -trimpath},
 * {@code -buildvcs}), which costs a few stats.
 */
final class FingerprintProbe {
  /**
   * What {@code go env} is asked for: none of the costly variables, which would make it open the
   * build cache and so start the GOCACHEPROG running this very probe
   * (cmd/go/internal/envcmd/env.go, ExtraEnvVarsCostly).
   */
  private static final List<String> GO_ENV =
      List.of(
          "GOVERSION",
          "GOROOT",
          "GOOS",
          "GOARCH",
          "GOAMD64",
          "GOARM",
          "GOARM64",
          "GO386",
          "GOPPC64",
          "GOMIPS",
          "GOMIPS64",
          "GORISCV64",
          "GOWASM",
          "GOEXPERIMENT",
          "GOFLAGS",
          "CGO_ENABLED",
          "CC",
          "GOTOOLDIR",
          "GOENV",
          "GOMODCACHE");

  /**
   * The environment variables the environment's part depends on: those go env is asked for (a name
   * that is no variable costs nothing), where go finds itself and its env file, and the cgo flags.
   */
  static final List<String> VARIABLES =
      java.util.stream.Stream.of(
              GO_ENV,
              List.of("PATH", "HOME", "XDG_CONFIG_HOME", "GOPATH", "GOTOOLCHAIN"),
              GoEnvFile.CGO_FLAG_NAMES)
          .flatMap(List::stream)
          .toList();

  private static final Map<String, CompletableFuture<BuildFingerprint>> MEMO =
      new ConcurrentHashMap<>();

  private FingerprintProbe() {}

  /**
   * The fingerprint of go command {@code c}, computed in the background (or found); {@link
   * BuildFingerprint#EMPTY} when it cannot be (its environment unreadable, go env failing).
   */
  static CompletableFuture<BuildFingerprint> start(BuildKey.Command c, CacheDir dir) {
    if (c == null || c.exe() == null || c.env().isEmpty()) {
      return CompletableFuture.completedFuture(BuildFingerprint.EMPTY);
    }
    String key = cacheKey(c);
    CompletableFuture<BuildFingerprint> env =
        MEMO.computeIfAbsent(
            key,
            k -> {
              CompletableFuture<BuildFingerprint> f = new CompletableFuture<>();
              Thread.ofVirtual()
                  .name("fingerprint")
                  .start(
                      () -> {
                        try {
                          f.complete(environment(c, dir, k));
                        } catch (IOException | RuntimeException e) {
                          f.complete(BuildFingerprint.EMPTY);
                        }
                      });
              return f;
            });
    return env.thenApply(
        f -> {
          if (f.fields().isEmpty()) {
            MEMO.remove(key, env); // a failure is not remembered: the next command tries again
            return f;
          }
          return f.with(command(c, f));
        });
  }

  /** The environment's part: from the local tier's file when there, else probed and written. */
  private static BuildFingerprint environment(BuildKey.Command c, CacheDir dir, String key)
      throws IOException {
    Path file = dir.root().resolve(CacheDir.TOOL_STATE).resolve("fingerprints").resolve(key);
    try {
      if (Files.size(file) <= BuildFingerprint.MAX_BYTES) {
        return BuildFingerprint.parse(Files.readAllBytes(file));
      }
    } catch (IOException | IllegalArgumentException e) {
      // not there yet, or damaged: probe again
    }
    BuildFingerprint f = probe(c);
    if (!f.fields().isEmpty()) {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".fp", ".tmp");
      try {
        Files.write(tmp, f.encode());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    return f;
  }

  /** Runs go env, the tools and the C compiler. */
  static BuildFingerprint probe(BuildKey.Command c) throws IOException {
    Map<String, String> env = new HashMap<>(c.env());
    env.put("GOTOOLCHAIN", "local"); // the go that runs, not one a go.mod would switch to
    GoTool go = GoTool.at(c.exe(), env);
    List<String> args = new ArrayList<>(List.of("env"));
    args.addAll(GO_ENV);
    GoTool.Result r = go.run(Path.of("/"), args);
    List<String> lines = r.stdout().lines().toList();
    if (!r.ok() || lines.size() != GO_ENV.size()) {
      return BuildFingerprint.EMPTY;
    }
    Map<String, String> ge = new HashMap<>();
    for (int i = 0; i < GO_ENV.size(); i++) {
      ge.put(GO_ENV.get(i), lines.get(i));
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (String v : List.of("GOVERSION", "GOROOT", "GOOS", "GOARCH", "GOEXPERIMENT", "GOFLAGS")) {
      m.put(v, ge.get(v));
    }
    String level = BuildFingerprint.levelVariable(ge.get("GOARCH"));
    if (level != null) {
      m.put("level", level + "=" + ge.get(level));
    }
    Path tools = Path.of(ge.get("GOTOOLDIR"));
    m.put("compile", toolId(tools.resolve("compile"), env));
    m.put("link", toolId(tools.resolve("link"), env));
    m.put("GOMODCACHE", ge.get("GOMODCACHE"));
    m.put("CGO_ENABLED", ge.get("CGO_ENABLED"));
    if ("1".equals(ge.get("CGO_ENABLED"))) {
      m.put("CC", ge.get("CC"));
      CcToolId cc = CcToolId.probe(ge.get("CC"), env, Path.of("/"));
      m.put("CC ID", cc.versionLine().orElse("error: " + cc.error().orElse("?")));
      Map<String, String> file = GoEnvFile.read(ge.get("GOENV"));
      for (String flag : GoEnvFile.CGO_FLAG_NAMES) {
        m.put(flag, GoEnvFile.cgoFlags(flag, env, file));
      }
    }
    return new BuildFingerprint(m);
  }

  /** A tool's {@code -V=full} line, as go's toolID reads it. */
  private static String toolId(Path tool, Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(tool.toString(), "-V=full").redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readNBytes(4096);
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
    String s = new String(out, StandardCharsets.UTF_8).strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The command's own part: where its module is and the flags on its command line. */
  private static Map<String, String> command(BuildKey.Command c, BuildFingerprint env) {
    Map<String, String> m = new LinkedHashMap<>();
    Path root = c.moduleRoot();
    m.put("module root", root == null ? c.dir().toString() : root.toString());
    String goflags = env.get("GOFLAGS");
    m.put("trimpath", BuildFingerprint.flag(c.args(), goflags, "trimpath", "false"));
    m.put("buildvcs", BuildFingerprint.flag(c.args(), goflags, "buildvcs", "auto"));
    return m;
  }

  /** The SHA-256 of what decides the environment's part. */
  private static String cacheKey(BuildKey.Command c) {
    StringBuilder b = new StringBuilder(1024);
    b.append("gocachectl fingerprint v1\n");
    stat(b, c.exe());
    for (String v : VARIABLES) {
      String value = c.env().get(v);
      if (value != null) {
        b.append(v).append('=').append(value).append('\0');
      }
    }
    String home = c.env().getOrDefault("HOME", "");
    String xdg = c.env().getOrDefault("XDG_CONFIG_HOME", "");
    String goenv =
        c.env()
            .getOrDefault(
                "GOENV",
                !xdg.isEmpty() ? xdg + "/go/env" : home.isEmpty() ? "" : home + "/.config/go/env");
    if (!goenv.isEmpty() && !goenv.equals("off")) {
      stat(b, Path.of(goenv));
    }
    String cc = c.env().getOrDefault("CC", "gcc").strip();
    int space = cc.indexOf(' ');
    Executables.lookPath(space < 0 ? cc : cc.substring(0, space), c.env(), Path.of("/"))
        .ifPresent(p -> stat(b, p));
    return Hash.sha256(b.toString().getBytes(StandardCharsets.UTF_8)).hex();
  }

  private static void stat(StringBuilder b, Path p) {
    b.append(p).append(' ');
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      b.append(a.size()).append(' ').append(a.lastModifiedTime().toMillis());
    } catch (IOException e) {
      b.append('-');
    }
    b.append('\n');
  }
}
