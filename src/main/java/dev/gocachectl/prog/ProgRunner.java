package dev.gocachectl.prog;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.FileModes;
import dev.gocachectl.failure.Failure;
import dev.gocachectl.remote.RemoteTiers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Runs one prog session over given streams and writes its report: the part shared by the in-process
 * program and the daemon.
 */
final class ProgRunner {
  /**
   * Who runs the session.
   *
   * @param mode "process", "daemon" (on the go command's own pipes) or "daemon-relay" (through the
   *     bridge), for the report
   * @param pid the process to name in the report
   * @param goPid the go command's process (for the prefetch's {@link BuildKey}), or -1
   * @param parentCommand the go command line, or null; asked only after the session
   * @param remotes where the remote tiers come from
   * @param env the go command's environment (credentials, TMPDIR)
   * @param modes the modes of what the session creates: the go command's umask applied
   */
  record Host(
      String mode,
      long pid,
      long goPid,
      Supplier<String> parentCommand,
      Remotes remotes,
      java.util.Map<String, String> env,
      FileModes modes) {}

  private ProgRunner() {}

  /** Returns the exit code: 0 after close or end of input, 2 after a protocol or I/O error. */
  static int run(ProgArgs args, InputStream in, OutputStream protocol, PrintStream err, Host host) {
    long t0 = System.nanoTime();
    Instant started = Instant.now();
    SessionStats stats = new SessionStats();
    ResponseWriter writer = new ResponseWriter(protocol);
    try {
      writer.handshake();
    } catch (IOException e) {
      err.println("gocachectl prog: cannot write the handshake to go: " + Failure.of(e));
      return 2;
    }
    CacheDir dir;
    RemoteTiers tiers;
    try {
      dir = CacheDir.create(args.dir(), host.modes());
    } catch (IOException e) {
      err.println(
          "gocachectl prog: cannot use --dir "
              + args.dir()
              + " as the local tier: "
              + Failure.of(e)
              + "; pass --dir a directory of your own that can be created or written");
      return 2;
    }
    try {
      tiers = host.remotes().tiersFor(args, host.env());
    } catch (IOException e) {
      err.println("gocachectl prog: " + Failure.of(e));
      return 2;
    }
    RemoteTiers.Session session = tiers == null ? null : tiers.newSession();
    Store store =
        new Store(
            new LocalTier(dir, Clock.systemUTC(), host.modes()),
            tiers,
            session,
            args.producer(),
            err);
    int code = 0;
    Spill spill = new Spill(err, host.env());
    Prefetch prefetch =
        Prefetch.start(
            store,
            host.goPid(),
            args.prefetch(),
            args.remoteTimeout().toMillis() * 2,
            err,
            RunnerName.of(host.env()));
    try {
      new ProgSession(store, stats, spill, prefetch).run(in, writer);
    } catch (ProtocolException e) {
      err.println("gocachectl prog: " + e.getMessage());
      code = 2;
    } catch (IOException e) {
      err.println("gocachectl prog: " + Failure.of(e));
      code = 2;
    }
    if (prefetch != null) {
      prefetch.finish(code == 0); // a broken session's actions are no manifest
    }
    int pending = 0;
    if (tiers != null) {
      // the bounded drain, while go waits: its uploads and the manifest's, one deadline
      pending =
          prefetch == null
              ? host.remotes().sessionEnded(tiers, session)
              : host.remotes().sessionEnded(tiers, session, prefetch.quiet());
    }
    Prefetch.Counts prefetched = prefetch == null ? null : prefetch.counts();
    long wall = (System.nanoTime() - t0) / 1_000_000;
    BuildReport report =
        new BuildReport(
            ReportId.random(),
            started,
            host.pid(),
            host.mode(),
            host.parentCommand().get(),
            ReportLabels.of(host.env(), args.labels()),
            stats.counts(),
            tiers == null ? java.util.List.of() : tiers.names(),
            session == null ? java.util.List.of() : session.snapshots(),
            pending,
            prefetched,
            wall);
    report.remoteFailures().forEach(err::println);
    String line = report.toJsonLine();
    try {
      StatsLog.append(dir, line, host.modes());
    } catch (IOException e) {
      err.println("gocachectl prog: cannot append to " + StatsLog.file(dir) + ": " + Failure.of(e));
    }
    try {
      protocol.close(); // go waits for this before it goes on: the report is written by then
    } catch (IOException e) {
      // go is gone already
    }
    spill.close(); // after close go reads no more paths; after end of input it is gone
    if (args.reportTo() != null) {
      sendReport(args, dir, line, err, host.env()); // go has gone on: it waits for none of this
    }
    return code;
  }

  /** Sends the report (and what earlier sends left in the spool); a failure keeps it spooled. */
  private static void sendReport(
      ProgArgs args,
      CacheDir dir,
      String line,
      PrintStream err,
      java.util.Map<String, String> env) {
    String token = env.get("GOCACHECTL_REPORT_TOKEN");
    if (args.reportTokenFile() != null) {
      try {
        token = java.nio.file.Files.readString(args.reportTokenFile()).strip();
      } catch (IOException e) {
        err.println(
            "gocachectl prog: cannot read the report token file "
                + args.reportTokenFile()
                + " ("
                + e.getMessage()
                + "); the report is kept in "
                + ReportSpool.file(dir));
        token = null;
      }
    }
    ReportSpool.Outcome o =
        ReportSpool.appendAndSend(dir, line, new ReportSpool.Target(args.reportTo(), token));
    if (o.failure() != null) {
      err.println(
          "gocachectl prog: report not sent ("
              + o.failure()
              + "); "
              + o.kept()
              + " kept in "
              + ReportSpool.file(dir)
              + " for the next send or `gocachectl report push`");
    }
  }
}
