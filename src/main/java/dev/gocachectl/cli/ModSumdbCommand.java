package dev.gocachectl.cli;

import dev.gocachectl.mod.HttpFetcher;
import dev.gocachectl.mod.MainModule;
import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModEnv;
import dev.gocachectl.mod.proxy.ProxyList;
import dev.gocachectl.mod.sumdb.SumdbChecker;
import dev.gocachectl.mod.sumdb.SumdbConfig;
import dev.gocachectl.mod.sumdb.SumdbEndpoint;
import dev.gocachectl.mod.sumdb.SumdbFindingKind;
import dev.gocachectl.mod.sumdb.SumdbReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sumdb",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Checks each go.sum line against the checksum database GOSUMDB names (GONOSUMDB, GOPRIVATE"
          + " and GOFLAGS honoured): the signed note, the record's inclusion in the signed tree,"
          + " and consistency with the tree head stored on this machine (a forked log is an"
          + " alarm). Only reads. Exit 0: all agree, 1: problems, 2: error."
    })
final class ModSumdbCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin ModOptions mod;

  @Option(
      names = "--offline",
      description = "Use only the lookups and tiles go cached in the module cache.")
  boolean offline;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Converters.Timeout.class,
      description =
          "Each request's whole time, headers and body (default: 30s); a body may run past it only while it arrives at 1 MiB/s.")
  Duration timeout = Duration.ofSeconds(30);

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "MODULE_DIR",
      description = "The module whose go.sum to check (default: the current directory).")
  Path moduleDir = Path.of(".");

  ModSumdbCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    ModEnv env = mod.env(ctx);
    MainModule main = MainModule.read(moduleDir, ctx.env(), env.goflags());
    Optional<SumdbConfig> db;
    try {
      db = SumdbConfig.parse(env.gosumdb());
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage() + "; fix GOSUMDB", e);
    }
    SumdbReport report;
    if (db.isEmpty()) {
      report = ModSumdbOutput.off(main);
    } else {
      try (HttpFetcher http = offline ? null : new HttpFetcher(timeout)) {
        SumdbEndpoint endpoint = null;
        if (!offline) {
          ProxyList proxies;
          try {
            proxies = ProxyList.parse(env.goproxy(), env.gonoproxy());
          } catch (IllegalArgumentException e) {
            throw new IOException("GOPROXY=" + env.goproxy() + ": " + e.getMessage(), e);
          }
          endpoint = SumdbEndpoint.resolve(db.get(), proxies, http);
        }
        report =
            new SumdbChecker(
                    db.get(),
                    new ModCache(env.modCache()),
                    env.sumdbDir(),
                    env.gonosumdb(),
                    endpoint,
                    http,
                    8)
                .check(main.sums());
      }
    }
    if (mod.json) {
      ModSumdbOutput.json(report, ctx.out());
    } else {
      ModSumdbOutput.human(report, ctx.out());
    }
    if (report.has(SumdbFindingKind.Severity.PROBLEM)) {
      return ExitCodes.PROBLEMS;
    }
    return report.has(SumdbFindingKind.Severity.ERROR) ? ExitCodes.ERROR : ExitCodes.OK;
  }
}
