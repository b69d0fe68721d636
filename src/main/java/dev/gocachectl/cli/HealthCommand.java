package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.stats.CacheStats;
import dev.gocachectl.stats.StatsCollector;
import dev.gocachectl.verify.VerifyReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "The health report of a build cache: stats, then a full verify. Exit codes as verify."
    })
final class HealthCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin CacheOptions cache;

  @Mixin VerifyCommand.VerifyFlags flags;

  HealthCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    CacheDir dir = cache.open(ctx);
    CacheStats stats = new StatsCollector(ctx.clock(), 5).collect(dir, cache.jobs);
    if (!cache.json) {
      StatsOutput.human(stats, ctx.out(), ctx.clock());
      ctx.out().println();
      ctx.out().flush();
    }
    VerifyReport report =
        flags.verifier(ctx, cache).verify(dir, ConsoleProgress.forContext(ctx, "verify"));
    if (cache.json) {
      JsonGenerator g = JsonOutput.open(ctx.out());
      g.writeStartObject();
      g.writeFieldName("stats");
      StatsOutput.write(g, stats);
      g.writeFieldName("verify");
      VerifyOutput.write(g, report);
      g.writeEndObject();
      JsonOutput.close(g, ctx.out());
    } else {
      VerifyOutput.human(report, ctx.out(), flags.verbose);
    }
    return report.hasProblems() ? ExitCodes.PROBLEMS : ExitCodes.OK;
  }
}
