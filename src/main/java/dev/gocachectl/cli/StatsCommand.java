package dev.gocachectl.cli;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.stats.CacheStats;
import dev.gocachectl.stats.StatsCollector;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Counts a build cache without hashing anything: entries, bytes, ages by mtime (go's \"last"
          + " used\"), the largest entries, dangling entries, orphan outputs and foreign files."
    })
final class StatsCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin CacheOptions cache;

  @Option(
      names = "--largest",
      paramLabel = "N",
      description = "How many of the largest entries to list (default: ${DEFAULT-VALUE}).")
  int largest = 10;

  StatsCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    CacheDir dir = cache.open(ctx);
    CacheStats stats = new StatsCollector(ctx.clock(), largest).collect(dir, cache.jobs);
    if (cache.json) {
      StatsOutput.json(stats, ctx.out());
    } else {
      StatsOutput.human(stats, ctx.out(), ctx.clock());
    }
    return ExitCodes.OK;
  }
}
