package dev.gocachectl.prog;

import dev.gocachectl.cache.FileModes;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The GOCACHEPROG entry point, kept apart from the CLI so that a go command waits for as few
 * classes as possible: no picocli, no databind, no logging.
 *
 * <p>The protocol goes to a private stream on file descriptor 1, and {@code System.out} is pointed
 * at stderr, so that nothing else (a library, a JVM warning) can corrupt it. The process ends with
 * {@code Runtime.halt} once everything is flushed: {@code System.exit} would first start the JDK's
 * logging framework to log the exit.
 */
public final class ProgMain {
  private ProgMain() {}

  public static void main(String[] args) {
    OutputStream protocol =
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    PrintStream err = System.err;
    System.setOut(err);
    java.util.Optional<String> charset =
        dev.gocachectl.locale.FileNameCharset.problem(System.getenv());
    if (charset.isPresent()) {
      err.println("gocachectl prog: " + charset.get());
      err.flush();
      Runtime.getRuntime().halt(2);
    }
    int code = run(args, System.in, protocol, err, System.getenv());
    err.flush();
    Runtime.getRuntime().halt(code);
  }

  /**
   * Runs one session, or prints the usage on standard output ({@code protocol}: no go command is
   * listening when a person asks for help) for {@code --help}; also the path the AOT training
   * takes, so that it loads the same classes.
   */
  public static int run(
      String[] args,
      InputStream in,
      OutputStream protocol,
      PrintStream err,
      Map<String, String> env) {
    if (ProgArgs.helpAsked(args)) {
      PrintStream out = new PrintStream(protocol, true, StandardCharsets.UTF_8);
      out.print(ProgArgs.USAGE);
      out.flush();
      return 0;
    }
    ProgArgs parsed;
    try {
      parsed = ProgArgs.parse(args, env, Path.of("").toAbsolutePath());
    } catch (ProgArgs.UsageException e) {
      err.println("gocachectl prog: " + e.getMessage());
      err.print(ProgArgs.USAGE);
      return 2;
    }
    ProcessHandle self = ProcessHandle.current();
    long goPid = self.parent().map(ProcessHandle::pid).orElse(-1L);
    ParentCommand parent = ParentCommand.of(goPid);
    return ProgRunner.run(
        parsed,
        in,
        protocol,
        err,
        new ProgRunner.Host(
            "process",
            self.pid(),
            goPid,
            parent::get,
            Remotes.perProcess(),
            env,
            FileModes.PROCESS));
  }
}
