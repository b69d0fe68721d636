package dev.gocachectl.cli;

import dev.gocachectl.mod.MainModule;
import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModEnv;
import dev.gocachectl.mod.sumdb.SumdbConfig;
import dev.gocachectl.mod.verify.ModRepairer;
import dev.gocachectl.mod.verify.ModVerifier;
import dev.gocachectl.mod.verify.ModVerifyOptions;
import dev.gocachectl.mod.verify.ModVerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Re-hashes every module zip against its .ziphash, every extracted tree against its zip, and"
          + " every .mod against the zip's go.mod and go's cached checksum database record; checks"
          + " the module zip rules and leftovers of interrupted downloads. With MODULE_DIR: only"
          + " the versions its go.sum lists, each compared with go.sum too. Exit 0: no problems,"
          + " 1: problems, 2: error."
    })
final class ModVerifyCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin ModOptions mod;

  @Option(
      names = "--repair",
      description =
          "Remove the broken module versions (tree, zip, .ziphash, .mod, .info) so the next go"
              + " command downloads them again.")
  boolean repair;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description = "Hashing threads (default: the number of cores).")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--settle",
      paramLabel = "DURATION",
      converter = Converters.Duration.class,
      description =
          "Leftovers of a download modified within DURATION may belong to a go command still"
              + " running: reported, not counted as problems (default: 5m).")
  Duration settle = Duration.ofMinutes(5);

  @Option(
      names = "--rehash",
      description =
          "Inflate every zip again. By default a zip whose bytes (SHA-256) are those of a zip"
              + " verified clean by an earlier run is not inflated again; its verdict is"
              + " remembered in $XDG_CACHE_HOME/gocachectl/mod-zip-verdicts (~/.cache/...).")
  boolean rehash;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "MODULE_DIR",
      description = "A module whose go.sum to check against the cache.")
  Path moduleDir;

  ModVerifyCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    jobs = CacheOptions.cappedJobs(spec.commandLine(), jobs, ctx);
    ModEnv env = mod.env(ctx);
    ModCache cache = new ModCache(env.modCache());
    if (!Files.isDirectory(cache.root())) {
      throw new IOException(
          cache.root() + ": no module cache here; check GOMODCACHE or pass --modcache DIR");
    }
    Optional<MainModule> main = ModOptions.main(moduleDir, ctx, env);
    String db = SumdbConfig.nameOf(env.gosumdb()).orElse(null);
    ModVerifyReport report =
        new ModVerifier(
                new ModVerifyOptions(
                    jobs, settle, db, ModVerifyOptions.defaultVerdicts(ctx.env()), rehash),
                ctx.clock())
            .verify(cache, main, ConsoleProgress.forContext(ctx, "mod verify"));
    List<ModRepairer.Removal> removed = repair ? ModRepairer.repair(cache, report) : null;
    if (mod.json) {
      ModVerifyOutput.json(report, removed, ctx.out());
    } else {
      ModVerifyOutput.human(report, removed, ctx.out());
    }
    return report.hasProblems() && (removed == null || unrepaired(report))
        ? ExitCodes.PROBLEMS
        : ExitCodes.OK;
  }

  private static boolean unrepaired(ModVerifyReport r) {
    return r.problems().stream().anyMatch(f -> !f.kind().isRepairable());
  }
}
