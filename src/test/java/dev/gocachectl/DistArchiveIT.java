package dev.gocachectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.hits.ActionGraph;
import dev.gocachectl.testing.FixtureModule;
import dev.gocachectl.testing.GoEnv;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./gocachectl dist}: the release archive, built once from this checkout (an integration
 * test: it runs after {@code package}, and the launcher builds what it needs), unpacked into a
 * scratch directory and run with a PATH that holds no JDK and no Maven and with JAVA_HOME unset.
 * Every JVM of the CLI and of prog runs with {@code -XX:AOTMode=on} (JAVA_TOOL_OPTIONS), which
 * refuses to start unless the launcher gives an AOT cache that fits the bundled runtime as
 * unpacked; serve, a long-lived service, runs without one.
 */
@Tag("slow") // builds a jlink runtime and trains two AOT caches
class DistArchiveIT {
  @TempDir static Path tmp;

  static Path archive;
  static Path home; // the unpacked gocachectl-VERSION-linux-amd64/
  static Path noJdkBin;

  /** What one run printed and returned. */
  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void buildAndUnpack() throws Exception {
    Path out = tmp.resolve("out");
    Run dist =
        run(
            Map.of(),
            null,
            "sh",
            Path.of("gocachectl").toAbsolutePath().toString(),
            "dist",
            "--out",
            out.toString());
    assertThat(dist.exit()).as(dist.err()).isZero();
    assertThat(dist.out())
        .matches(
            Pattern.quote(out.toString()) + "/gocachectl-[0-9A-Za-z.+-]+-linux-amd64\\.tar\\.gz\n");
    archive = Path.of(dist.out().strip());
    Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
    Run tar = run(Map.of(), null, "tar", "-xzf", archive.toString(), "-C", unpacked.toString());
    assertThat(tar.exit()).as(tar.err()).isZero();
    try (Stream<Path> s = Files.list(unpacked)) {
      home = s.findFirst().orElseThrow();
    }
    noJdkBin = noJdkBin(Files.createDirectories(tmp.resolve("bin")));
  }

  /** Ends the prog daemons the bridge started under this test's runtime directory. */
  @AfterAll
  static void stopDaemons() {
    String runtimeDir = tmp.resolve("xdg").toString();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(runtimeDir))
        .forEach(ProcessHandle::destroy);
  }

  /**
   * A directory of links to every program on this PATH except the JDK's and Maven's: what a machine
   * without them has.
   */
  private static Path noJdkBin(Path bin) throws IOException {
    Set<String> jdkNames = Set.of("java", "javac", "jar", "jlink", "jdeps", "mvn", "mvnDebug");
    for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
      Path d = Path.of(dir);
      if (dir.isEmpty() || !Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> s = Files.list(d)) {
        for (Path p : s.toList()) {
          Path name = bin.resolve(p.getFileName().toString());
          if (Files.exists(name, java.nio.file.LinkOption.NOFOLLOW_LINKS)
              || jdkNames.contains(p.getFileName().toString())
              || !Files.isExecutable(p)) {
            continue;
          }
          Path real = p.toRealPath();
          if (real.startsWith("/usr/lib/jvm") || real.toString().contains("maven")) {
            continue;
          }
          Files.createSymbolicLink(name, real);
        }
      }
    }
    return bin;
  }

  /** The environment of a machine without a JDK or Maven, with the AOT caches required. */
  private static Map<String, String> machine() throws IOException {
    Map<String, String> env = service();
    env.put("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on");
    return env;
  }

  /** The same machine, for a JVM the launcher starts without an AOT cache (serve). */
  private static Map<String, String> service() throws IOException {
    Path xdg = tmp.resolve("xdg");
    if (!Files.isDirectory(xdg)) {
      Files.createDirectories(
          xdg, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Map<String, String> env = new HashMap<>();
    env.put("PATH", noJdkBin.toString());
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    env.put("XDG_RUNTIME_DIR", xdg.toString());
    return env;
  }

  private static Run run(Map<String, String> env, Path dir, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (!env.isEmpty()) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    int exit = pb.start().waitFor();
    return new Run(exit, Files.readString(out), Files.readString(err));
  }

  private static Run installed(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(home.resolve("gocachectl").toString()));
    cmd.addAll(List.of(args));
    return run(machine(), null, cmd.toArray(String[]::new));
  }

  @Test
  void theMachineHasNoJavaAndNoMaven() throws Exception {
    Run r =
        run(
            machine(),
            null,
            "sh",
            "-c",
            "command -v java; command -v mvn; echo ${JAVA_HOME:-unset}");
    assertThat(r.out()).isEqualTo("unset\n");
  }

  @Test
  void theArchiveHoldsOneDirectoryWithEverythingAtOneMtimeUnder60MB() throws Exception {
    assertThat(Files.size(archive)).isLessThan(60L * 1024 * 1024);
    Run list = run(Map.of(), null, "tar", "--utc", "-tvzf", archive.toString());
    assertThat(list.exit()).isZero();
    List<String> lines = list.out().lines().toList();
    Pattern line = Pattern.compile("\\S+ 0/0 +\\d+ (\\S+ \\S+) (\\S+)");
    List<String> names = new ArrayList<>();
    Set<String> mtimes = new java.util.HashSet<>();
    for (String l : lines) {
      Matcher m = line.matcher(l);
      assertThat(m.lookingAt()).as(l).isTrue();
      mtimes.add(m.group(1));
      names.add(m.group(2));
    }
    assertThat(mtimes).hasSize(1);
    assertThat(names).isSorted();
    String top = home.getFileName() + "/";
    assertThat(names)
        .allMatch(n -> n.startsWith(top))
        .contains(
            top + "gocachectl",
            top + "scripts/utf8-locale.sh",
            top + "scripts/jdk.sh",
            top + "lib/gocachectl.jar",
            top + "lib/.launch",
            top + "lib/gocachectl-bridge",
            top + "runtime/bin/java",
            top + "LICENSE")
        .anyMatch(n -> n.matches(Pattern.quote(top) + "lib/aot/prog-[0-9a-f]{16}-.*\\.aot"))
        .anyMatch(n -> n.matches(Pattern.quote(top) + "lib/aot/cli-[0-9a-f]{16}-.*\\.aot"))
        .noneMatch(n -> n.endsWith(".log") || n.endsWith(".tmp") || n.contains("/jmods/"));
    try (java.util.zip.ZipFile jar =
        new java.util.zip.ZipFile(home.resolve("lib/gocachectl.jar").toFile())) {
      List<String> natives =
          jar.stream()
              .map(java.util.zip.ZipEntry::getName)
              .filter(n -> n.startsWith("org/sqlite/native/") && !n.endsWith("/"))
              .toList();
      assertThat(natives)
          .isNotEmpty()
          .allMatch(n -> n.startsWith("org/sqlite/native/Linux/x86_64/"));
    }
    Run modules =
        run(Map.of(), null, home.resolve("runtime/bin/java").toString(), "--list-modules");
    assertThat(modules.out())
        .contains("jdk.httpserver@", "jdk.net@", "java.net.http@", "java.sql@")
        .doesNotContain("java.desktop@", "jdk.compiler@", "jdk.jlink@");
  }

  @Test
  void versionAndHealthRunFromTheBundledRuntime() throws Exception {
    Run version = installed("--version");
    assertThat(version.exit()).as(version.err()).isZero();
    assertThat(version.out()).startsWith("gocachectl ").doesNotContain("dev");

    Path cache = Files.createDirectories(tmp.resolve("health-cache"));
    Run health = installed("health", "--cache", cache.toString());
    assertThat(health.exit()).as(health.err()).isZero();
    assertThat(health.out()).contains("cache      " + cache);
  }

  @Test
  void progServesARealGoBuildAndTheSecondBuildHitsEverything() throws Exception {
    Path module = FixtureModule.write(tmp.resolve("mod")).dir();
    Path progDir = tmp.resolve("prog");
    Map<String, String> env = new HashMap<>(machine());
    env.put("GOCACHEPROG", home.resolve("gocachectl") + " prog --dir " + progDir);
    GoTool go =
        GoEnv.isolated(tmp.resolve("gohome"), Files.createDirectories(tmp.resolve("gocache")))
            .withEnv(env);

    List<ActionGraph.Action> first = built(go, module, "first");
    assertThat(first).anyMatch(a -> a.pkg().startsWith(FixtureModule.PATH));
    List<ActionGraph.Action> second = built(go, module, "second");
    assertThat(second).isEmpty();

    Run health = installed("health", "--cache", progDir.toString());
    assertThat(health.exit()).as(health.out() + health.err()).isZero();
  }

  /** The build actions that ran (missed the cache) in one go build of the module. */
  private static List<ActionGraph.Action> built(GoTool go, Path module, String name)
      throws IOException {
    Path graph = tmp.resolve("graph-" + name + ".json");
    GoEnv.ok(go, module, "build", "-debug-actiongraph=" + graph, "./...");
    return ActionGraph.read(graph).stream()
        .filter(a -> a.ran() && "build".equals(a.mode()))
        .toList();
  }

  @Test
  void serveAnswersHealthz() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            home.resolve("gocachectl").toString(),
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--data",
            tmp.resolve("serve").toString());
    pb.environment().clear();
    pb.environment().putAll(service());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(tmp.resolve("serve.out").toFile());
    Process serve = pb.start();
    try (BufferedReader err =
        new BufferedReader(new InputStreamReader(serve.getErrorStream(), StandardCharsets.UTF_8))) {
      Pattern listening =
          Pattern.compile("gocachectl serve: listening on (http://127\\.0\\.0\\.1:\\d+) .*");
      String url = null;
      StringBuilder seen = new StringBuilder();
      for (String l = err.readLine(); l != null; l = err.readLine()) {
        seen.append(l).append('\n');
        Matcher m = listening.matcher(l);
        if (m.matches()) {
          url = m.group(1);
          break;
        }
      }
      assertThat(url).as(seen.toString()).isNotNull();
      HttpURLConnection c =
          (HttpURLConnection) URI.create(url + "/healthz").toURL().openConnection();
      assertThat(c.getResponseCode()).isEqualTo(200);
      try (var body = c.getInputStream()) {
        assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
            .contains("\"status\":\"ok\"");
      }
    } finally {
      serve.destroy();
      serve.waitFor();
    }
  }
}
