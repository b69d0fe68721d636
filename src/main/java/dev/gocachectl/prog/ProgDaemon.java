package dev.gocachectl.prog;

import dev.gocachectl.cache.FileModes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The long-lived prog daemon: one JVM, warm, that serves every go command of this user through
 * {@code bridge/} on a Unix socket, so that a go command's cache program answers its handshake in
 * milliseconds instead of a JVM start.
 *
 * <p>One daemon per socket: an exclusive lock on {@code SOCK.lock} keeps a second one from
 * starting. The socket's directory must be private to the user (0700, not a link, the daemon's
 * user's own), a connection from another user's process is closed unread, and the log {@code
 * SOCK.log} is opened without following a link ({@link PrivateSocket}): a go command's credentials
 * and outputs are never exchanged with another user. The daemon exits when no connection has been
 * open for {@code --idle} (default 15m), and the launcher names the socket after the jar's hash, so
 * that a rebuilt jar gets a new daemon while the old one idles out. Each connection is an ordinary
 * session over the local tier named in its hello, with the go command's environment from the hello,
 * relative paths resolved against its working directory and its umask applied to what the session
 * creates ({@link FileModes}). The daemon opens the go command's pipes itself ({@link
 * BridgePipes}), so the bridge only waits; where it cannot, the bridge relays the protocol.
 *
 * <pre>
 * gocachectl prog-daemon --socket SOCK [--idle DURATION]
 * </pre>
 */
public final class ProgDaemon {
  private final Path socket;
  private final Duration idle;
  private final PrintStream log;
  private final AtomicInteger active = new AtomicInteger();
  private final Remotes remotes = Remotes.shared();
  private final AtomicLong lastActive = new AtomicLong(System.nanoTime());
  private final java.util.concurrent.CountDownLatch listening =
      new java.util.concurrent.CountDownLatch(1);

  ProgDaemon(Path socket, Duration idle, PrintStream log) {
    this.socket = socket;
    this.idle = idle;
    this.log = log;
  }

  static final String USAGE =
      """
      Usage: gocachectl prog-daemon --socket SOCK [--idle DURATION]
      Serves GOCACHEPROG sessions of this user's go commands on a Unix socket (the launcher
      starts it when a go command's bridge finds none).
        --socket SOCK     the Unix socket to listen on (its directory is made 0700)
        --idle DURATION   exit after no connection for this long (default 15m; forms like 90s,
                          15m, 1h30m)
      """;

  public static void main(String[] args) throws IOException {
    Flags flags;
    try {
      flags = parse(args);
    } catch (ProgArgs.UsageException e) {
      System.err.println("gocachectl prog-daemon: " + e.getMessage());
      System.err.println("Run 'gocachectl prog-daemon --help' for usage.");
      System.exit(2);
      return;
    }
    if (flags == null) {
      System.out.print(USAGE);
      System.exit(0);
      return;
    }
    Path socket = flags.socket();
    PrintStream log;
    try {
      PrivateSocket.ensureDir(socket.getParent());
      log = PrivateSocket.openLog(socket.resolveSibling(socket.getFileName() + ".log"));
    } catch (IOException e) {
      System.err.println("gocachectl daemon: not starting: " + e.getMessage());
      Runtime.getRuntime().halt(2);
      return;
    }
    System.setOut(log);
    System.setErr(log);
    new ProgDaemon(socket, flags.idle(), log).serve();
    Runtime.getRuntime().halt(0);
  }

  /** The daemon's flags. */
  record Flags(Path socket, Duration idle) {}

  /** The flags, or null for {@code --help}. */
  static Flags parse(String[] args) throws ProgArgs.UsageException {
    Path socket = null;
    Duration idle = Duration.ofMinutes(15);
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        return null;
      }
      if (!flag.equals("--socket") && !flag.equals("--idle")) {
        throw new ProgArgs.UsageException(
            "unknown flag " + flag + " (expected --socket SOCK [--idle DURATION])");
      }
      if (i + 1 == args.length) {
        throw new ProgArgs.UsageException(flag + ": a value is missing");
      }
      String value = args[++i];
      if (flag.equals("--socket")) {
        socket = Path.of(value).toAbsolutePath();
      } else {
        idle = ProgArgs.duration(flag, value);
        if (idle.isZero()) {
          throw new ProgArgs.UsageException(
              "--idle: 0 would exit at once; give how long to wait for go commands, like 15m");
        }
      }
    }
    if (socket == null) {
      throw new ProgArgs.UsageException("--socket SOCK is required");
    }
    return new Flags(socket, idle);
  }

  /**
   * Serves until idle. The socket's directory must be private to this user ({@link
   * PrivateSocket#ensureDir}), and a connection from a process of another user is closed unread.
   */
  void serve() throws IOException {
    Path dir = socket.getParent();
    PrivateSocket.ensureDir(dir);
    UserPrincipal me = PrivateSocket.self();
    try (FileChannel lockFile =
            FileChannel.open(
                socket.resolveSibling(socket.getFileName() + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        FileLock lock = lockFile.tryLock()) {
      if (lock == null) {
        log.println("gocachectl daemon: another daemon holds " + socket + "; exiting");
        return;
      }
      Files.deleteIfExists(socket); // a stale socket of a daemon that died
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(socket));
        lastActive.set(System.nanoTime());
        listening.countDown();
        log.println(
            "gocachectl daemon: serving on "
                + socket
                + " (pid "
                + ProcessHandle.current().pid()
                + ")");
        Thread.ofPlatform().daemon().name("idle-watch").start(() -> watchIdle(server));
        while (server.isOpen()) {
          SocketChannel ch;
          try {
            ch = server.accept();
          } catch (IOException e) {
            break; // closed by the idle watch
          }
          if (!fromUser(ch, me)) {
            continue;
          }
          active.incrementAndGet();
          Thread.ofPlatform().daemon().name("session").start(() -> session(ch));
        }
      } finally {
        Files.deleteIfExists(socket);
      }
      awaitSessions();
    }
  }

  /** True if a process of {@code me} made the connection; else it is closed, nothing read. */
  private boolean fromUser(SocketChannel ch, UserPrincipal me) {
    String who;
    try {
      UserPrincipal peer = PrivateSocket.peer(ch);
      if (peer.equals(me)) {
        return true;
      }
      who = peer.getName();
    } catch (IOException | RuntimeException e) {
      who = "an unknown user (" + e + ")";
    }
    log.println(
        "gocachectl daemon: refused a connection from "
            + who
            + ": the daemon serves only "
            + me.getName());
    try {
      ch.close();
    } catch (IOException e) {
      // closed anyway
    }
    return false;
  }

  /** Waits until the socket accepts connections; false if the daemon ended first. */
  boolean awaitListening(Duration max) throws InterruptedException {
    return listening.await(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Lets sessions accepted before the socket closed finish their go command. */
  private synchronized void awaitSessions() {
    while (active.get() > 0) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private synchronized void sessionEnded() {
    lastActive.set(System.nanoTime());
    active.decrementAndGet();
    notifyAll();
  }

  private void session(SocketChannel ch) {
    try (ch) {
      InputStream in = Channels.newInputStream(ch);
      OutputStream out = Channels.newOutputStream(ch);
      BridgeHello hello = BridgeHello.read(in);
      ProgArgs args;
      try {
        args = ProgArgs.parse(hello.args(), hello.env(), hello.cwd());
      } catch (ProgArgs.UsageException e) {
        // to the user, through the bridge, as the in-process program would say it
        out.write(
            BridgeHello.errorLine(e.getMessage() + "; usage: gocachectl prog --help")
                .getBytes(StandardCharsets.UTF_8));
        return;
      }
      ParentCommand parent = ParentCommand.of(hello.goPid());
      BridgePipes.Opened opened = BridgePipes.open(hello.pipes(), hello.goPid());
      if (opened.pipes() == null) {
        log.println("gocachectl daemon: relaying through the bridge: " + opened.whyNot());
        ProgRunner.run(args, in, out, log, host("daemon-relay", hello, parent));
        return;
      }
      int status;
      try (BridgePipes pipes = opened.pipes();
          PrintStream err =
              new PrintStream(new BridgeStderr(out, log), true, StandardCharsets.UTF_8)) {
        out.write((BridgeHello.DIRECT + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush(); // the pipes are closed again if the bridge is gone
        status = ProgRunner.run(args, pipes.in(), pipes.out(), err, host("daemon", hello, parent));
      }
      out.write(BridgeHello.exitLine(status).getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException | RuntimeException e) {
      log.println("gocachectl daemon: session failed: " + e);
    } finally {
      sessionEnded();
    }
  }

  /** A session of the go command the hello is from: its environment, its umask. */
  private ProgRunner.Host host(String mode, BridgeHello hello, ParentCommand parent) {
    return new ProgRunner.Host(
        mode,
        hello.goPid(),
        hello.goPid(),
        parent::get,
        remotes,
        hello.env(),
        FileModes.forUmask(hello.umask()));
  }

  private void watchIdle(ServerSocketChannel server) {
    long step = Math.max(1000, Math.min(idle.toMillis() / 4, 30_000));
    while (true) {
      try {
        Thread.sleep(step);
      } catch (InterruptedException e) {
        return;
      }
      long quiet = System.nanoTime() - lastActive.get();
      if (active.get() == 0 && quiet >= idle.toNanos()) {
        log.println("gocachectl daemon: idle for " + idle + "; exiting");
        try {
          // Unlinked first: from here on a bridge finds no socket and runs the program in its own
          // process. One that connected just before still sits in the accept queue; the accept
          // loop takes it during the grace period, and its session runs to the end.
          Files.deleteIfExists(socket);
          Thread.sleep(200);
          server.close();
        } catch (IOException | InterruptedException e) {
          // exiting anyway
        }
        return;
      }
    }
  }
}
