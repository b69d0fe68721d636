package dev.gocachectl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A server run by a test as a child process on a free loopback port: started, waited for until its
 * port accepts connections (polled, never a fixed sleep), stopped, restarted on the same port, and
 * killed when the test JVM exits whatever happens. Output goes to {@code log}, whose tail is shown
 * when the server does not come up.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-servers"));
  }

  private final String name;
  private final List<String> command;
  private final Path log;
  private final int port;
  private Process process;
  private boolean paused;

  private ServerProcess(String name, List<String> command, Path log, int port) {
    this.name = name;
    this.command = command;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts {@code command.apply(port)} on a free port and waits until the port accepts connections.
   * Another process may take the port between the pick and the bind, so a server that exits while
   * starting is tried again, up to three times, on another port.
   */
  public static ServerProcess start(String name, Path dir, IntFunction<List<String>> command) {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      ServerProcess p =
          new ServerProcess(
              name, command.apply(port), dir.resolve(name + "-" + port + ".log"), port);
      try {
        p.launch();
        return p;
      } catch (IllegalStateException e) {
        p.stop();
        last = e;
      }
    }
    throw last;
  }

  /**
   * Polls {@code condition} every 50 ms until it holds; fails after a minute naming {@code what}
   * was awaited. For readiness that a port cannot show (a cluster's state).
   */
  public static void pollUntil(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up waiting for " + what + " after " + START_TIMEOUT);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // the poll interval
    }
  }

  /** A loopback port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh directory for a server's data and logs, under target/test-work/servers. */
  public static Path workDir(String name) {
    try {
      Path root = Files.createDirectories(Path.of("target", "test-work", "servers"));
      return Files.createTempDirectory(root.toAbsolutePath(), name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s); its port stops accepting. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    if (paused) {
      signal("CONT"); // a stopped process would not act on SIGTERM
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    LIVE.remove(process);
    process = null;
    paused = false;
  }

  /**
   * Kills the server at once (SIGKILL, as the kernel's OOM killer or a lost host would): nothing of
   * its own runs on the way out. {@link #restart} starts it again.
   */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly(); // SIGKILL on Linux, which also ends a stopped process
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LIVE.remove(process);
    process = null;
    paused = false;
  }

  /**
   * Freezes the server (SIGSTOP): its port still accepts connections (the kernel completes them)
   * but nothing is read or answered, as with a hung server. {@link #resume} thaws it.
   */
  public synchronized void pause() {
    signal("STOP");
    paused = true;
  }

  /** Thaws a {@link #pause}d server (SIGCONT). */
  public synchronized void resume() {
    signal("CONT");
    paused = false;
  }

  private void signal(String name) {
    if (process == null) {
      throw new IllegalStateException(this.name + " is not running");
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, "" + process.pid()).start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts the server again on the same port, with the same command. */
  public synchronized void restart() {
    stop();
    launch();
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void launch() {
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(name + ": cannot run " + command.getFirst() + ": " + e, e);
    }
    LIVE.add(process);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!accepts(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name
                + " did not start listening on port "
                + port
                + (process.isAlive() ? " within " + START_TIMEOUT : " (it exited)")
                + "; command "
                + command
                + "; log "
                + log
                + ":\n"
                + tail());
      }
      waitForExit(Duration.ofMillis(20)); // the poll interval, cut short if the server dies
    }
  }

  private void waitForExit(Duration d) {
    try {
      process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(name + ": interrupted while starting", e);
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
