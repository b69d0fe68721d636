package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.testing.GoEnv;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another local user must not be able to stand in for the prog daemon: the bridge talks only to a
 * daemon of its own user in a directory private to that user, the daemon only to bridges of its own
 * user, and neither follows a link planted for it. The other user is real: {@code nobody}, through
 * {@code setpriv} ({@link ForeignPeer}); the go command is the real one, through the real bridge.
 */
@Timeout(180)
class ProgDaemonTrustTest {
  private static final String SECRET = "AWS_SECRET_ACCESS_KEY";

  @TempDir Path tmp;

  private final List<Process> peers = new ArrayList<>();

  @AfterEach
  void stopPeers() throws InterruptedException {
    for (Process p : peers) {
      p.destroyForcibly().waitFor();
    }
  }

  /**
   * Another user made the socket directory (as anyone can under /tmp), listens there and planted a
   * link at the daemon's log: the go command sends it nothing, starts no daemon, writes nothing
   * through the link, and runs the program itself, saying why.
   */
  @Test
  void aSocketDirectoryOfAnotherUserGetsNothing() throws Exception {
    Path imp = nobodysDir("imp");
    Path sock = imp.resolve("gocachectl-k.sock");
    Path record = imp.resolve("record");
    peers.add(ForeignPeer.listening(sock, record));
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "mine\n");
    Files.createSymbolicLink(imp.resolve("gocachectl-k.sock.log"), victim);
    Path started = tmp.resolve("started");
    Path dir = Files.createDirectories(tmp.resolve("prog"));

    GoTool.Result r = goList(sock, daemonScript(started), dir);

    assertThat(r.ok()).as(r.stderr()).isTrue();
    assertThat(r.stderr())
        .contains(
            "gocachectl prog: not using the daemon, running in-process: the socket directory "
                + imp
                + " belongs to uid 65534, not to you (uid 0)");
    assertThat(ForeignPeer.recorded(sock, record)).isEqualTo("END\n"); // no credentials
    assertThat(victim).hasContent("mine");
    assertThat(started).doesNotExist();
    assertThat(mode(dir)).isEqualTo("process");
  }

  /**
   * The directory is the user's own, but the process listening on the socket is another user's: the
   * bridge learns that from the kernel (SO_PEERCRED) before it sends a byte.
   */
  @Test
  void aListenerOfAnotherUserGetsNothing() throws Exception {
    Path own = nobodysDir("own");
    Path record = own.resolve("record");
    peers.add(ForeignPeer.listening(own.resolve("s.sock"), record));
    Path run = privateDir("run");
    Path sock = run.resolve("d.sock");
    Files.move(own.resolve("s.sock"), sock); // a bound socket keeps its listener when moved
    Path dir = Files.createDirectories(tmp.resolve("prog"));

    GoTool.Result r = goList(sock, null, dir);

    assertThat(r.ok()).as(r.stderr()).isTrue();
    assertThat(r.stderr())
        .contains("gocachectl prog: not using the daemon, running in-process: the process")
        .contains("listening on " + sock)
        .contains("runs as uid 65534, not as you (uid 0); nothing was sent to it");
    assertThat(ForeignPeer.recorded(sock, record)).isEqualTo("END\n");
    assertThat(mode(dir)).isEqualTo("process");
  }

  /**
   * A socket directory that is a link, or that others may write, is refused before connecting: the
   * listener there has no connection waiting, and the program ran in-process.
   */
  @Test
  void aLinkedOrOpenSocketDirectoryIsRefusedBeforeConnecting() throws Exception {
    Path real = privateDir("real");
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (ServerSocketChannel a = listen(real.resolve("d.sock"));
        ServerSocketChannel b = listen(open.resolve("d.sock"))) {
      Run viaLink = bridge(link.resolve("d.sock"), List.of());
      assertThat(viaLink.stdout()).isEqualTo("fallback --dir " + tmp + "\n");
      assertThat(viaLink.stderr()).contains("the socket directory " + link + " is a symbolic link");
      Run viaOpen = bridge(open.resolve("d.sock"), List.of());
      assertThat(viaOpen.stdout()).isEqualTo("fallback --dir " + tmp + "\n");
      assertThat(viaOpen.stderr())
          .contains("the socket directory " + open + " has mode 0755, not 0700")
          .contains("chmod 700 " + open);
      a.configureBlocking(false);
      b.configureBlocking(false);
      assertThat(a.accept()).isNull(); // no connection waiting
      assertThat(b.accept()).isNull();
    }
  }

  /** In the user's own directory, a link at the log is refused, not followed. */
  @Test
  void aLinkAtTheDaemonsLogIsNotFollowed() throws Exception {
    Path run = privateDir("run");
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "mine\n");
    Files.createSymbolicLink(run.resolve("d.sock.log"), victim);
    Path started = tmp.resolve("started");
    Run r = bridge(run.resolve("d.sock"), List.of("-daemon", daemonScript(started).toString()));
    assertThat(r.stdout()).isEqualTo("fallback --dir " + tmp + "\n");
    assertThat(r.stderr())
        .contains("the daemon's log " + run.resolve("d.sock.log") + " is a symbolic link");
    assertThat(victim).hasContent("mine");
    assertThat(started).doesNotExist();
  }

  /**
   * The daemon's command line is run as it is, no shell: a path with a quote and a space works, and
   * the daemon is told its socket. With no -socket, the socket goes in the runtime directory of the
   * user running the bridge, computed then: $XDG_RUNTIME_DIR, else /tmp/gocachectl-UID, made
   * private; another user than the one who built gocachectl gets a daemon of their own.
   */
  @Test
  void theDaemonRunsAsArgvInTheRuntimeDirectoryOfWhoeverRunsTheBridge() throws Exception {
    Path bin = Files.createDirectory(tmp.resolve("it's a bin"));
    Path fifo = mkfifo(tmp.resolve("argv"));
    Path script = script(bin.resolve("daemon"), "printf '%s\\n' \"$@\" >" + fifo);
    Path xdg = privateDir("xdg");
    Run r =
        run(
            Map.of("XDG_RUNTIME_DIR", xdg.toString()),
            List.of(
                ProgDaemonTest.bridge().toString(),
                "-socket-name",
                "gocachectl-t.sock",
                "-daemon",
                script.toString()));
    assertThat(Files.readAllLines(fifo))
        .containsExactly("--socket", xdg.resolve("gocachectl-t.sock").toString());
    assertThat(r.stdout()).isEqualTo("fallback --dir " + tmp + "\n");

    // nobody, without XDG_RUNTIME_DIR: /tmp/gocachectl-65534, made by the bridge, private
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(fifo, PosixFilePermissions.fromString("rw-rw-rw-"));
    Path bridge = Files.copy(ProgDaemonTest.bridge(), bin.resolve("bridge"));
    Path nobodys = Path.of("/tmp/gocachectl-" + ForeignPeer.NOBODY);
    boolean existed = Files.exists(nobodys);
    String name = "gocachectl-t-" + ProcessHandle.current().pid() + ".sock";
    try {
      Run asNobody =
          run(
              Map.of(),
              List.of(
                  "setpriv",
                  "--reuid=65534",
                  "--regid=65534",
                  "--clear-groups",
                  bridge.toString(),
                  "-socket-name",
                  name,
                  "-daemon",
                  script.toString()));
      assertThat(Files.readAllLines(fifo))
          .containsExactly("--socket", nobodys.resolve(name).toString());
      assertThat(asNobody.stdout()).isEqualTo("fallback --dir " + tmp + "\n");
      assertThat(Files.getAttribute(nobodys, "unix:uid")).isEqualTo(ForeignPeer.NOBODY);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nobodys)))
          .isEqualTo("rwx------");
    } finally {
      Files.deleteIfExists(nobodys.resolve(name + ".log"));
      if (!existed) {
        Files.deleteIfExists(nobodys);
      }
    }
  }

  /** The daemon too refuses a socket directory of another user, one others may write, or a link. */
  @Test
  void theDaemonRefusesASocketDirectoryNotPrivateToItsUser() throws Exception {
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), privateDir("real"));
    assertThatThrownBy(() -> daemon(nobodysDir("imp").resolve("d.sock")).serve())
        .hasMessageContaining("belongs to nobody, not to root");
    assertThatThrownBy(() -> daemon(open.resolve("d.sock")).serve())
        .hasMessageContaining("has mode rwxrwxrwx, not rwx------");
    assertThatThrownBy(() -> daemon(link.resolve("d.sock")).serve())
        .hasMessageContaining("is a symbolic link");
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "mine\n");
    Path log = Files.createSymbolicLink(tmp.resolve("d.sock.log"), victim);
    assertThatThrownBy(() -> PrivateSocket.openLog(log)).hasMessageContaining("symbolic link");
    assertThat(victim).hasContent("mine");
  }

  /**
   * Should another user reach the socket (here the test opens the way), the daemon closes the
   * connection without reading the hello or answering.
   */
  @Test
  void theDaemonClosesAConnectionFromAnotherUserUnread() throws Exception {
    Path socket = tmp.resolve("run/d.sock");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ProgDaemon d =
        new ProgDaemon(
            socket, Duration.ofSeconds(60), new PrintStream(log, true, StandardCharsets.UTF_8));
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try {
                d.serve();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    assertThat(d.awaitListening(Duration.ofSeconds(30))).as(log.toString()).isTrue();
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
    Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
    Process dial = ForeignPeer.start("dial", socket.toString());
    String said = new String(dial.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(dial.waitFor()).isZero();
    assertThat(said).isEqualTo("received 0 bytes\n");
    assertThat(log.toString())
        .contains("refused a connection from nobody: the daemon serves only root");
  }

  // --- helpers

  /** A directory owned by nobody, mode 0700, which nobody can reach (tmp opened to traverse). */
  private Path nobodysDir(String name) throws IOException {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
    Path d = privateDir(name);
    Files.setAttribute(d, "unix:uid", ForeignPeer.NOBODY);
    Files.setAttribute(d, "unix:gid", ForeignPeer.NOBODY);
    return d;
  }

  private Path privateDir(String name) throws IOException {
    Path d = Files.createDirectory(tmp.resolve(name));
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
    return d;
  }

  private static ServerSocketChannel listen(Path sock) throws IOException {
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(sock));
    return s;
  }

  private static ProgDaemon daemon(Path sock) {
    return new ProgDaemon(
        sock, Duration.ofSeconds(5), new PrintStream(new ByteArrayOutputStream()));
  }

  /** A daemon command that only touches {@code marker} and says so on its output. */
  private Path daemonScript(Path marker) throws IOException {
    return script(tmp.resolve("daemon.sh"), "echo started; touch " + marker);
  }

  private static Path script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private static Path mkfifo(Path p) throws IOException, InterruptedException {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(mk.waitFor()).isZero();
    return p;
  }

  /** {@code go list -export} through the bridge, with a secret in the environment. */
  private GoTool.Result goList(Path sock, Path daemon, Path dir) throws IOException {
    String fallback = String.join(" ", ProgProcess.command());
    GoTool go =
        GoEnv.isolated(tmp.resolve("home"), WarmCache.copyTo(tmp.resolve("gocache")))
            .withEnv(
                Map.of(
                    "GOCACHEPROG",
                    ProgDaemonTest.gocacheprog(
                        sock, daemon == null ? null : daemon.toString(), fallback, dir),
                    SECRET,
                    "s3cr3t"));
    return go.run(WarmCache.base().module().dir(), List.of("list", "-export", "./plain"));
  }

  private static String mode(Path dir) throws IOException {
    return StatsLogReader.read(CacheDir.open(dir)).entries().getLast().mode();
  }

  private record Run(int status, String stdout, String stderr) {}

  /** The bridge with -socket SOCK and {@code flags}. */
  private Run bridge(Path sock, List<String> flags) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of(ProgDaemonTest.bridge().toString(), "-socket", sock.toString()));
    cmd.addAll(flags);
    return run(Map.of(), cmd);
  }

  /**
   * Runs {@code command} (a bridge and its flags, maybe behind setpriv), "echo fallback" its
   * fallback, without $XDG_RUNTIME_DIR unless {@code env} sets it.
   */
  private Run run(Map<String, String> env, List<String> command) throws Exception {
    List<String> cmd = new ArrayList<>(command);
    cmd.addAll(List.of("--", "echo", "fallback", "--", "--dir", tmp.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("XDG_RUNTIME_DIR");
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out, err);
  }
}
