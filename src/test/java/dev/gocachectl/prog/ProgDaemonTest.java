package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.hits.ActionGraph;
import dev.gocachectl.testing.FixtureModule;
import dev.gocachectl.testing.GoEnv;
import dev.gocachectl.testing.RedisServer;
import dev.gocachectl.testing.TcpProxy;
import dev.gocachectl.testing.WarmCache;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon path: the real go command runs the bridge (bridge/main.go, built here with the real
 * go), which connects to a {@link ProgDaemon} on a Unix socket; the daemon opens the bridge's pipes
 * itself (report mode "daemon") or, when they are not pipes, has the bridge relay (mode
 * "daemon-relay"); and the fallback, where no daemon answers and the bridge hands over to the
 * in-process program.
 */
@Tag("slow") // not in the quick run (./test.sh --quick)
@Timeout(180)
class ProgDaemonTest {
  private static Path bridge;

  @TempDir Path tmp;

  static synchronized Path bridge() {
    if (bridge == null) {
      try {
        Path work =
            Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "test-work")).toAbsolutePath(),
                "bridge-");
        Path out = work.resolve("gocachectl-bridge");
        bridge = out;
        GoTool go = GoEnv.isolated(work.resolve("home"), WarmCache.copyTo(work.resolve("gocache")));
        GoEnv.ok(go, Path.of("bridge").toAbsolutePath(), "build", "-o", out.toString(), ".");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bridge;
  }

  /** GOCACHEPROG through the bridge; the fallback is {@code fallback}, then the prog flags. */
  static String gocacheprog(Path socket, String daemonCommand, String fallback, Path dir) {
    return bridge()
        + " -socket "
        + socket
        + (daemonCommand == null ? "" : " -daemon " + daemonCommand)
        + " -- "
        + fallback
        + " -- --dir "
        + dir;
  }

  @Test
  void goCommandsAreServedByTheDaemonWhichExitsWhenIdle() throws Exception {
    Path dir = WarmCache.copyTo(tmp.resolve("prog"));
    Path module = FixtureModule.write(tmp.resolve("mod")).dir();
    bridge();
    Path socket = tmp.resolve("run/d.sock");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ProgDaemon daemon =
        new ProgDaemon(
            socket, Duration.ofSeconds(3), new PrintStream(log, true, StandardCharsets.UTF_8));
    Thread serving = Thread.ofPlatform().start(() -> serve(daemon));
    assertThat(daemon.awaitListening(Duration.ofSeconds(30))).as(log.toString()).isTrue();
    // "false" as the fallback: if the bridge did not reach the daemon, go would fail
    GoTool go =
        GoEnv.isolated(tmp.resolve("home"), Files.createDirectories(tmp.resolve("gocache")))
            .withEnv(Map.of("GOCACHEPROG", gocacheprog(socket, null, "false", dir)));
    GoTool.Result build = go.run(module, List.of("build", "./..."));
    assertThat(build.ok()).as(build.stderr() + "\ndaemon log:\n" + log).isTrue();
    assertThat(GoEnv.ok(go, module, "test", "./plain").stdout()).contains("ok");
    assertThat(GoEnv.ok(go, module, "test", "./plain").stdout()).contains("(cached)");
    List<StatsLogReader.Entry> r = StatsLogReader.read(CacheDir.open(dir)).entries();
    assertThat(r).hasSize(3).allMatch(e -> "daemon".equals(e.mode()));
    assertThat(r.get(0).command()).contains("go build ./...");
    serving.join(); // no connection for three seconds: it exits by itself
    assertThat(socket).doesNotExist();
    assertThat(log.toString()).contains("idle for PT3S; exiting");
  }

  @Test
  void withoutADaemonTheBridgeStartsOneAndRunsTheProgramItself() throws Exception {
    Path socket = tmp.resolve("run/none.sock");
    Path started = tmp.resolve("daemon-started");
    Path dir = Files.createDirectories(tmp.resolve("prog"));
    String fallback = String.join(" ", ProgProcess.command());
    GoTool go =
        GoEnv.isolated(tmp.resolve("home"), WarmCache.copyTo(tmp.resolve("gocache")))
            .withEnv(Map.of("GOCACHEPROG", gocacheprog(socket, touching(started), fallback, dir)));
    Path module = WarmCache.base().module().dir();
    GoEnv.ok(go, module, "list", "-export", "./plain");
    assertThat(started).exists();
    List<StatsLogReader.Entry> r = StatsLogReader.read(CacheDir.open(dir)).entries();
    assertThat(r).hasSize(1);
    assertThat(r.getFirst().mode()).isEqualTo("process");
  }

  /**
   * A daemon that hangs up before answering (it was exiting when idle, or was killed, as the
   * connection came in) is no daemon: the go command runs the program itself rather than fail.
   */
  @Test
  void aDaemonThatHangsUpBeforeAnsweringIsTreatedAsNone() throws Exception {
    Path socket =
        Files.createDirectory(
                tmp.resolve("run"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
            .resolve("dying.sock");
    Path started = tmp.resolve("daemon-started");
    Path dir = Files.createDirectories(tmp.resolve("prog"));
    AtomicInteger hungUp = new AtomicInteger();
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread dying =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      while (true) {
                        server.accept().close();
                        hungUp.incrementAndGet();
                      }
                    } catch (IOException e) {
                      // closed at the end of the test
                    }
                  });
      String fallback = String.join(" ", ProgProcess.command());
      GoTool go =
          GoEnv.isolated(tmp.resolve("home"), WarmCache.copyTo(tmp.resolve("gocache")))
              .withEnv(
                  Map.of("GOCACHEPROG", gocacheprog(socket, touching(started), fallback, dir)));
      GoEnv.ok(go, WarmCache.base().module().dir(), "list", "-export", "./plain");
      server.close();
      dying.join();
    }
    assertThat(hungUp.get()).isPositive();
    assertThat(started).exists();
    List<StatsLogReader.Entry> r = StatsLogReader.read(CacheDir.open(dir)).entries();
    assertThat(r).hasSize(1);
    assertThat(r.getFirst().mode()).isEqualTo("process");
  }

  /**
   * The daemon keeps remote clients warm across go commands, but a go command still returns only
   * once its own uploads are done: on a CI runner the next job, on another machine, finds them.
   */
  @Test
  void withARemoteAGoCommandReturnsOnceItsUploadsAreDone() throws Exception {
    // 50 ms each way: an upload lags its put long enough to be seen if close did not wait
    try (RedisServer redis = RedisServer.start();
        TcpProxy far = TcpProxy.to(redis.port()).delay(50)) {
      Path module = FixtureModule.write(tmp.resolve("mod")).dir();
      bridge();
      Path socket = startDaemon("r");
      String remote = " --remote redis://127.0.0.1:" + far.port() + "?max-object=64MiB";
      Path a = Files.createDirectories(tmp.resolve("a"));
      Path b = Files.createDirectories(tmp.resolve("b"));
      GoTool go = GoEnv.isolated(tmp.resolve("home"), Files.createDirectories(tmp.resolve("gc")));
      GoEnv.ok(
          go.withEnv(Map.of("GOCACHEPROG", gocacheprog(socket, null, "false", a) + remote)),
          module,
          "build",
          "./plain");
      StatsLogReader.Entry first = StatsLogReader.read(CacheDir.open(a)).entries().getLast();
      assertThat(first.mode()).isEqualTo("daemon");
      assertThat(first.get("puts")).isGreaterThan(5);
      assertThat(first.get("pendingUploads")).isZero();
      assertThat(first.remotes().getFirst().get("uploaded")).isEqualTo(first.get("puts"));

      Path graph = tmp.resolve("graph.json");
      GoEnv.ok(
          go.withEnv(Map.of("GOCACHEPROG", gocacheprog(socket, null, "false", b) + remote)),
          module,
          "build",
          "-debug-actiongraph=" + graph,
          "./plain");
      assertThat(ActionGraph.read(graph))
          .noneMatch(x -> x.ran() && x.mode().equals("build")); // nothing compiled again
      StatsLogReader.Entry second = StatsLogReader.read(CacheDir.open(b)).entries().getLast();
      assertThat(second.get("remoteHits")).isGreaterThan(5);

      // the first command again, from another empty local tier: the daemon finds the manifest
      // the first session stored (with the go command's pid from the bridge) and fetches ahead
      Path c = Files.createDirectories(tmp.resolve("c"));
      GoEnv.ok(
          go.withEnv(Map.of("GOCACHEPROG", gocacheprog(socket, null, "false", c) + remote)),
          module,
          "build",
          "./plain");
      StatsLogReader.Entry third = StatsLogReader.read(CacheDir.open(c)).entries().getLast();
      assertThat(third.mode()).isEqualTo("daemon");
      assertThat(third.get("prefetch.listed")).isPositive();
      assertThat(third.get("prefetch.used")).isPositive();
      assertThat(third.get("remoteHits")).isGreaterThan(5);
    }
  }

  /**
   * The daemon runs with its own environment, but a session takes the go command's (sent in the
   * bridge hello): here the default directory, under the go command's XDG_CACHE_HOME; and a flag it
   * refuses is reported to the go command's stderr, as the in-process program would.
   */
  @Test
  void theDaemonUsesTheGoCommandsEnvironmentAndReportsBadFlagsToIt() throws Exception {
    Path module = FixtureModule.write(tmp.resolve("mod")).dir();
    bridge();
    Path socket = startDaemon("e");
    Path xdg = tmp.resolve("xdg");
    String noDir = bridge() + " -socket " + socket + " -- false --";
    GoTool go =
        GoEnv.isolated(tmp.resolve("home"), WarmCache.copyTo(tmp.resolve("gocache")))
            .withEnv(Map.of("XDG_CACHE_HOME", xdg.toString(), "GOCACHEPROG", noDir));
    GoEnv.ok(go, module, "list", "-export", "./plain");
    Path dir = xdg.resolve("gocachectl/prog");
    assertThat(StatsLogReader.read(CacheDir.open(dir)).entries())
        .singleElement()
        .satisfies(e -> assertThat(e.mode()).isEqualTo("daemon"));

    GoTool.Result bad =
        go.withEnv(Map.of("GOCACHEPROG", noDir + " --dir " + dir + " --remote-timeout soon"))
            .run(module, List.of("build", "./plain"));
    assertThat(bad.ok()).isFalse();
    assertThat(bad.stderr()).contains("gocachectl prog: ").contains("--remote-timeout");
  }

  /**
   * On pipes (as go starts it, and as ProcessBuilder does) the daemon speaks on the bridge's own
   * stdin and stdout; what the session says on its stderr, and its exit status, still reach the
   * bridge's caller.
   */
  @Test
  void onPipesTheDaemonAnswersItselfAndItsMessagesAndStatusReachTheCaller() throws Exception {
    Path socket = startDaemon("p");
    Path dir = Files.createDirectories(tmp.resolve("p"));
    Process bridge = bridgeProcess(socket, dir).start();
    java.io.BufferedReader answers = bridge.inputReader(StandardCharsets.UTF_8);
    assertThat(answers.readLine())
        .isEqualTo("{\"ID\":0,\"KnownCommands\":[\"get\",\"put\",\"close\"]}");
    try (var requests = bridge.getOutputStream()) {
      String get =
          "{\"ID\":1,\"Command\":\"get\",\"ActionID\":\""
              + Hash.sha256(new byte[0]).base64()
              + "\"}\n";
      requests.write(get.getBytes(StandardCharsets.UTF_8));
      requests.flush();
      assertThat(answers.readLine()).isEqualTo("{\"ID\":1,\"Miss\":true}");
      requests.write("not json\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(bridge.waitFor()).isEqualTo(2);
    assertThat(new String(bridge.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .startsWith("gocachectl prog: ")
        .contains("malformed request", "line 2");
    assertThat(StatsLogReader.read(CacheDir.open(dir)).entries())
        .singleElement()
        .satisfies(e -> assertThat(e.mode()).isEqualTo("daemon"));
  }

  /**
   * Stdin from a file is not a pipe the daemon may open: the bridge relays, and the answers are the
   * same.
   */
  @Test
  void whenItsInputIsNotAPipeTheBridgeRelays() throws Exception {
    Path socket = startDaemon("f");
    Path dir = Files.createDirectories(tmp.resolve("f"));
    Path requests =
        Files.writeString(tmp.resolve("requests"), "{\"ID\":1,\"Command\":\"close\"}\n");
    Path answers = tmp.resolve("answers");
    Process bridge =
        bridgeProcess(socket, dir)
            .redirectInput(requests.toFile())
            .redirectOutput(answers.toFile())
            .start();
    assertThat(bridge.waitFor()).isZero();
    assertThat(Files.readAllLines(answers))
        .containsExactly("{\"ID\":0,\"KnownCommands\":[\"get\",\"put\",\"close\"]}", "{\"ID\":1}");
    assertThat(StatsLogReader.read(CacheDir.open(dir)).entries())
        .singleElement()
        .satisfies(e -> assertThat(e.mode()).isEqualTo("daemon-relay"));
  }

  /**
   * A relative --dir is the go command's, not the daemon's: the daemon runs elsewhere (here in the
   * test's directory) and resolves it against the working directory the bridge sends.
   */
  @Test
  void relativePathsAreResolvedInTheGoCommandsDirectory() throws Exception {
    Path socket = startDaemon("w");
    Path module = FixtureModule.write(tmp.resolve("mod")).dir();
    String rel = ".gocache-" + ProcessHandle.current().pid();
    Path daemonSide = Path.of(rel).toAbsolutePath();
    try {
      GoTool go =
          GoEnv.isolated(tmp.resolve("home"), WarmCache.copyTo(tmp.resolve("gocache")))
              .withEnv(
                  Map.of(
                      "GOCACHEPROG",
                      bridge() + " -socket " + socket + " -- false -- --dir " + rel));
      GoEnv.ok(go, module, "list", "-export", "./plain");
      assertThat(StatsLogReader.read(CacheDir.open(module.resolve(rel))).entries())
          .singleElement()
          .satisfies(e -> assertThat(e.mode()).isEqualTo("daemon"));
      assertThat(daemonSide).doesNotExist();
    } finally {
      if (Files.exists(daemonSide)) { // the defect: do not leave it in the source tree
        try (var walk = Files.walk(daemonSide)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /**
   * What the daemon creates for a go command gets that command's umask, not the daemon's (here the
   * test's 022): a group-shared cache stays group-writable, a private one private.
   */
  @Test
  void whatTheDaemonCreatesHasTheGoCommandsUmask() throws Exception {
    Path socket = startDaemon("u");
    Path module = WarmCache.base().module().dir();
    Path withUmask = tmp.resolve("umask.sh");
    Files.writeString(withUmask, "#!/bin/sh\numask $1\nshift\nexec \"$@\"\n");
    Files.setPosixFilePermissions(withUmask, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String[] c :
        new String[][] {{"002", "rwxrwxr-x", "rw-rw-r--"}, {"077", "rwx------", "rw-------"}}) {
      Path dir = tmp.resolve("shared-" + c[0]);
      GoTool go =
          GoEnv.isolated(tmp.resolve("home"), Files.createDirectories(tmp.resolve("gc-" + c[0])))
              .withEnv(
                  Map.of(
                      "GOCACHEPROG",
                      withUmask + " " + c[0] + " " + gocacheprog(socket, null, "false", dir)));
      GoEnv.ok(go, module, "list", "-export", "./plain");
      assertThat(StatsLogReader.read(CacheDir.open(dir)).entries().getLast().mode())
          .isEqualTo("daemon");
      assertThat(perms(dir)).as(c[0]).isEqualTo(c[1]);
      assertThat(perms(dir.resolve("00"))).as(c[0]).isEqualTo(c[1]);
      assertThat(perms(StatsLog.file(CacheDir.open(dir)).getParent())).isEqualTo(c[1]);
      assertThat(perms(StatsLog.file(CacheDir.open(dir)))).isEqualTo(c[2]);
      try (var files = Files.walk(dir)) {
        List<Path> entries =
            files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}-[ad]")).toList();
        assertThat(entries).hasSizeGreaterThan(2);
        for (Path e : entries) {
          assertThat(perms(e)).as(e.toString()).isEqualTo(c[2]);
        }
      }
    }
  }

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /**
   * A request nested past the limit is refused with a message naming it, through the daemon too.
   */
  @Test
  void aDeeplyNestedRequestIsRefusedNamingTheLimit() throws Exception {
    Path socket = startDaemon("n");
    Path dir = Files.createDirectories(tmp.resolve("n"));
    Process bridge = bridgeProcess(socket, dir).start();
    try (var requests = bridge.getOutputStream()) {
      requests.write(
          ("{\"ID\":1,\"Command\":\"get\",\"X\":" + "[".repeat(100_000))
              .getBytes(StandardCharsets.UTF_8));
    }
    bridge.getInputStream().readAllBytes();
    assertThat(bridge.waitFor()).isEqualTo(2);
    assertThat(new String(bridge.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .startsWith("gocachectl prog: malformed request: a value nested deeper than 8 levels");
  }

  /** A daemon command (a script) that touches {@code marker}. */
  private String touching(Path marker) throws IOException {
    Path script = tmp.resolve("daemon.sh");
    Files.writeString(script, "#!/bin/sh\ntouch " + marker + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script.toString();
  }

  /** The bridge run by hand (pipes unless redirected), "false" as its fallback. */
  private static ProcessBuilder bridgeProcess(Path socket, Path dir) {
    return new ProcessBuilder(
        bridge().toString(),
        "-socket",
        socket.toString(),
        "--",
        "false",
        "--",
        "--dir",
        dir.toString());
  }

  /** A daemon on a socket under tmp, serving on a background thread for the test's length. */
  private Path startDaemon(String name) throws InterruptedException {
    bridge(); // built first: under load the build outlasts the daemon's idle time
    Path socket = tmp.resolve("run/" + name + ".sock");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ProgDaemon daemon =
        new ProgDaemon(
            socket, Duration.ofSeconds(60), new PrintStream(log, true, StandardCharsets.UTF_8));
    Thread.ofPlatform().daemon().start(() -> serve(daemon));
    assertThat(daemon.awaitListening(Duration.ofSeconds(30))).as(log.toString()).isTrue();
    return socket;
  }

  private static void serve(ProgDaemon d) {
    try {
      d.serve();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
