package dev.gocachectl.cli;

import dev.gocachectl.failure.Failure;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line. {@link #run} takes its streams and environment and returns the exit code, so
 * tests run every command in-process; only {@link #main} exits.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0
        && args[0].equals("prog")
        && (args.length < 2 || !args[1].equals("stats"))) {
      // GOCACHEPROG started through the CLI's entry point: hand over to the lean one
      dev.gocachectl.prog.ProgMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    java.io.Console console = System.console();
    boolean interactive = console != null && console.isTerminal();
    PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, new Context(out, err, System.getenv(), Clock.systemUTC(), interactive));
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Whether the command line only asks for help or the version, which read no file. */
  private static boolean onlyHelp(String[] args) {
    return args.length == 0
        || java.util.Arrays.stream(args)
            .anyMatch(a -> a.equals("--help") || a.equals("-h") || a.equals("--version"));
  }

  /** Runs one command line; returns the exit code ({@link ExitCodes}). */
  public static int run(String[] args, Context ctx) {
    java.util.Optional<String> charset = dev.gocachectl.locale.FileNameCharset.problem(ctx.env());
    if (charset.isPresent() && !onlyHelp(args)) {
      ctx.err().println("gocachectl: " + charset.get());
      ctx.err().flush();
      return ExitCodes.ERROR;
    }
    CommandLine cl = commandLine(ctx, args.length > 0 ? args[0] : null);
    int code = cl.execute(args);
    ctx.out().flush();
    ctx.err().flush();
    return code;
  }

  /** Convenience for tests: run with streams. */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    PrintWriter o = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter e = new PrintWriter(err, true, StandardCharsets.UTF_8);
    return run(args, new Context(o, e, env, Clock.systemUTC(), false));
  }

  /**
   * The command tree. With {@code first} naming a command, only that one is built: picocli reads
   * each command's annotations when it is added, and building the other eight cost a fresh JVM
   * 40–60 ms of every run here (a fresh JVM, `stats` of an empty cache: 230–244 → 179–191 ms).
   * Anything else ({@code --help}, a typo) gets them all, for the command list and picocli's
   * suggestions.
   */
  static CommandLine commandLine(Context ctx, String first) {
    Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
    commands.put("stats", () -> new StatsCommand(ctx));
    commands.put("verify", () -> new VerifyCommand(ctx));
    commands.put("repair", () -> new RepairCommand(ctx));
    commands.put("trim", () -> new TrimCommand(ctx));
    commands.put("health", () -> new HealthCommand(ctx));
    commands.put(
        "prog",
        () -> new CommandLine(new ProgCommand()).addSubcommand("stats", new ProgStatsCommand(ctx)));
    commands.put("explain", () -> new ExplainCommand(ctx));
    commands.put("hits", () -> new HitsCommand(ctx));
    commands.put("mod", () -> ModCommand.create(ctx));
    commands.put(
        "serve",
        () ->
            new CommandLine(new ServeCommand(ctx))
                .addSubcommand("check-config", new ServeCheckConfigCommand(ctx)));
    commands.put("report", () -> ReportCommand.create(ctx));
    commands.put("doctor", () -> new DoctorCommand(ctx));
    commands.put("ci", () -> new CiCommand(ctx));
    commands.put("compare", () -> new CompareCommand(ctx));
    CommandLine cl = new CommandLine(new RootCommand(ctx));
    if (first != null && commands.containsKey(first)) {
      cl.addSubcommand(first, commands.get(first).get());
    } else {
      commands.forEach((name, command) -> cl.addSubcommand(name, command.get()));
    }
    cl.setOut(ctx.out());
    cl.setErr(ctx.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(Main::onError);
    cl.setParameterExceptionHandler(Main::onUsageError);
    cl.setExitCodeExceptionMapper(e -> ExitCodes.ERROR);
    helpEverywhere(cl);
    return cl;
  }

  /**
   * Every command and subcommand answers {@code --help} and {@code -h} with its usage and exit 0,
   * also one added later without asking for it: picocli adds the standard help options only where a
   * command's annotation asks.
   */
  private static void helpEverywhere(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
      if (spec.versionProvider() == null) {
        spec.versionProvider(new Version());
      }
      spec.mixinStandardHelpOptions(true);
    }
    if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
      // -h or -V taken by the command itself: --help alone
      spec.addOption(
          OptionSpec.builder("--help")
              .usageHelp(true)
              .description("Show this help message and exit.")
              .build());
    }
    cl.getSubcommands().values().forEach(Main::helpEverywhere);
  }

  private static int onUsageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    String name = cl.getCommandSpec().qualifiedName();
    PrintWriter err = cl.getErr();
    err.println(name + ": " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err); // "Did you mean: ..."
    err.println("Run '" + name + " --help' for usage.");
    err.flush();
    if (wantsJson(cl, null, args)) {
      ErrorOutput.json(cl.getOut(), name, ErrorOutput.USAGE, e.getMessage());
    }
    return ExitCodes.ERROR;
  }

  private static int onError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    if (e instanceof CommandLine.ParameterException pe) {
      return onUsageError(pe, parsed.originalArgs().toArray(String[]::new));
    }
    String name = cl.getCommandSpec().qualifiedName();
    String message = Failure.of(e).toString();
    PrintWriter err = cl.getErr();
    err.println(name + ": " + message);
    err.flush();
    if (wantsJson(cl, cl.getParseResult(), parsed.originalArgs().toArray(String[]::new))) {
      ErrorOutput.json(cl.getOut(), name, ErrorOutput.FAILURE, message);
    }
    return ExitCodes.ERROR;
  }

  /**
   * Whether the command that failed takes {@code --json} and was given it: from its parse result
   * when there is one, else (a parse that failed part way) from the arguments before {@code --}.
   */
  private static boolean wantsJson(CommandLine cl, CommandLine.ParseResult parsed, String[] args) {
    if (cl.getCommandSpec().findOption("--json") == null) {
      return false;
    }
    if (parsed != null && parsed.hasMatchedOption("--json")) {
      return true;
    }
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("--json")) {
        return true;
      }
    }
    return false;
  }

  /** An error as one line: the file, what went wrong, and (from the message) what to do. */
  static String describe(Throwable e) {
    return Failure.of(e).toString();
  }
}
