package dev.gocachectl.cli;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheLocation;
import dev.gocachectl.hits.HitCounter;
import dev.gocachectl.hits.HitReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "hits",
    description = {
      "Runs a go command and counts, per mode (compile, link, vet, test), the actions satisfied"
          + " from the build cache and those that ran, with the packages that ran; exactly, from"
          + " go's action graph (-debug-actiongraph) and its test result lines.",
      "  gocachectl hits [--json] [--env K=V].. [--dir DIR] -- test ./...",
      "go's own output goes to standard error. Exit 0: go succeeded; 1: go failed (the counts"
          + " cover what it did); 2: error."
    })
final class HitsCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "GOARG", description = "The go command, after --.")
  List<String> goArgs = new ArrayList<>();

  @Option(names = "--env", paramLabel = "NAME=VALUE", description = "A variable for go.")
  List<String> env;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where go runs.")
  Path dir;

  @Option(names = "--cache", paramLabel = "DIR", description = "The GOCACHE go uses.")
  Path cache;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(
      names = {"-v", "--verbose"},
      description = "List every package that ran, not the first few.")
  boolean verbose;

  HitsCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    if (goArgs.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give the go command after --, e.g. gocachectl hits -- build ./...");
    }
    GoSide side = GoSide.parse(spec.commandLine(), "--env", env, dir, "--dir").withCache(cache);
    // go would make a new cache where a mistyped --cache or GOCACHE points, and count misses
    CacheDir.open(CacheLocation.resolve(Optional.empty(), side.environment(ctx)));
    HitReport r = HitCounter.run(side.tool(ctx), side.dir(), goArgs, ctx.err()::println);
    if (json) {
      HitsOutput.json(r, ctx.out());
    } else {
      HitsOutput.human(r, ctx.out(), verbose);
    }
    return r.exitCode() == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }
}
