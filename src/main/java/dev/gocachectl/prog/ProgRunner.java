package dev.gocachectl.prog;

import dev.gocachectl.cache.CacheDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;

/**
 * Runs one prog session over given streams and writes its report: the part shared by the in-process
 * program and the daemon.
 */
final class ProgRunner {
  private ProgRunner() {}

  /**
   * @param mode "process" or "daemon", for the report
   * @param parentCommand the go command line, or null; asked only after the session
   * @return the exit code: 0 after close or end of input, 2 after a protocol or I/O error
   */
  static int run(
      ProgArgs args,
      InputStream in,
      OutputStream protocol,
      PrintStream err,
      String mode,
      long pid,
      java.util.function.Supplier<String> parentCommand) {
    long t0 = System.nanoTime();
    Instant started = Instant.now();
    SessionStats stats = new SessionStats();
    ResponseWriter writer = new ResponseWriter(protocol);
    try {
      writer.handshake();
    } catch (IOException e) {
      err.println("gocachectl prog: cannot write the handshake to go: " + e);
      return 2;
    }
    CacheDir dir;
    try {
      dir = CacheDir.create(args.dir());
    } catch (IOException e) {
      err.println("gocachectl prog: cannot use " + args.dir() + " as the cache directory: " + e);
      return 2;
    }
    Store store = new Store(new LocalTier(dir, Clock.systemUTC()));
    int code = 0;
    try {
      new ProgSession(store, stats).run(in, writer);
    } catch (ProtocolException e) {
      err.println("gocachectl prog: " + e.getMessage());
      code = 2;
    } catch (IOException e) {
      err.println("gocachectl prog: " + e);
      code = 2;
    }
    try {
      protocol.close(); // go waits for this before it goes on
    } catch (IOException e) {
      // go is gone already
    }
    long wall = (System.nanoTime() - t0) / 1_000_000;
    BuildReport report =
        new BuildReport(started, pid, mode, parentCommand.get(), stats.counts(), wall);
    try {
      StatsLog.append(dir, report.toJsonLine());
    } catch (IOException e) {
      err.println("gocachectl prog: cannot append to " + StatsLog.file(dir) + ": " + e);
    }
    return code;
  }
}
