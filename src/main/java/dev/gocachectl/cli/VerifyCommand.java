package dev.gocachectl.cli;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.verify.Verifier;
import dev.gocachectl.verify.VerifyOptions;
import dev.gocachectl.verify.VerifyReport;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Re-hashes every output an action entry names and compares it with its output ID and size;"
          + " checks each entry's format and ID, executable directories, and the build ID of"
          + " compiled archives. Only reads. Exit 0: no problems, 1: problems, 2: error."
    })
final class VerifyCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin CacheOptions cache;

  @Mixin VerifyFlags flags;

  VerifyCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    CacheDir dir = cache.open(ctx);
    VerifyReport report =
        flags.verifier(ctx, cache).verify(dir, ConsoleProgress.forContext(ctx, "verify"));
    if (cache.json) {
      VerifyOutput.json(report, ctx.out());
    } else {
      VerifyOutput.human(report, ctx.out(), flags.verbose);
    }
    return report.hasProblems() ? ExitCodes.PROBLEMS : ExitCodes.OK;
  }

  /** Flags shared by verify, repair and health. */
  static final class VerifyFlags {
    @Option(
        names = "--settle",
        paramLabel = "DURATION",
        converter = Converters.Duration.class,
        description =
            "A problem in a file modified within DURATION may be a go process still writing it:"
                + " it is looked at again two seconds later (default: 5m; 0 turns this off).")
    Duration settle = Duration.ofMinutes(5);

    @Option(
        names = {"-v", "--verbose"},
        description =
            "List dangling entries, orphan outputs and foreign files too, not just counts.")
    boolean verbose;

    Verifier verifier(Context ctx, CacheOptions cache) {
      VerifyOptions o = new VerifyOptions(cache.jobs, settle, Duration.ofSeconds(2));
      return new Verifier(o, ctx.clock());
    }
  }
}
