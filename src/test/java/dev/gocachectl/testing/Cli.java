package dev.gocachectl.testing;

import dev.gocachectl.cli.Context;
import dev.gocachectl.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Runs the command line in-process against captured streams. */
public final class Cli {
  /** What one run printed and returned. */
  public record Run(int exit, String out, String err) {}

  private Cli() {}

  /** Runs with an environment holding only PATH (so GOCACHE comes from --cache). */
  public static Run run(String... args) {
    return run(Clock.systemUTC(), Map.of(), args);
  }

  /** Runs with a clock and extra environment. */
  public static Run run(Clock clock, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> e = new HashMap<>();
    e.put("PATH", System.getenv("PATH"));
    e.putAll(env);
    int code =
        Main.run(args, new Context(new PrintWriter(out), new PrintWriter(err), e, clock, false));
    return new Run(code, out.toString(), err.toString());
  }
}
