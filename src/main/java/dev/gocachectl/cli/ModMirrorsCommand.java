package dev.gocachectl.cli;

import dev.gocachectl.mod.HttpFetcher;
import dev.gocachectl.mod.MainModule;
import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModEnv;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.PrefixPatterns;
import dev.gocachectl.mod.proxy.GoSumReferences;
import dev.gocachectl.mod.proxy.MirrorChecker;
import dev.gocachectl.mod.proxy.MirrorReport;
import dev.gocachectl.mod.proxy.ProxyList;
import dev.gocachectl.mod.proxy.Reference;
import dev.gocachectl.mod.sumdb.SignedLookup;
import dev.gocachectl.mod.sumdb.SumdbConfig;
import dev.gocachectl.mod.sumdb.SumdbEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "mirrors",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Asks each mirror for the version list, .info, .mod and .zip of every module version in"
          + " go.sum (or named with --module), hashes them and classifies disagreements (missing,"
          + " error, mod-mismatch, zip-mismatch, list-differs, invalid, zip-bytes-differ); replays"
          + " the GOPROXY list to show what go would fetch. Exit 0: all agree, 1: problems, 2:"
          + " error."
    })
final class ModMirrorsCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin ModOptions mod;

  @Option(
      names = "--proxy",
      paramLabel = "URL",
      required = true,
      description = "A mirror to compare (repeat).")
  List<String> proxies;

  @Option(
      names = "--goproxy",
      paramLabel = "LIST",
      description = "The GOPROXY value to replay (default: go's GOPROXY).")
  String goproxy;

  @Option(
      names = "--module",
      paramLabel = "PATH@VERSION",
      description =
          "A module version to check (repeat); default: the zip lines of MODULE_DIR's go.sum.")
  List<String> modules = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Converters.Timeout.class,
      description =
          "Each request's whole time, headers and body (default: 60s); a body may run past it only while it arrives at 1 MiB/s.")
  Duration timeout = Duration.ofSeconds(60);

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "MODULE_DIR",
      description =
          "The module whose go.sum lists the versions and their hashes (default: the current directory).")
  Path moduleDir;

  ModMirrorsCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    ModEnv env = mod.env(ctx);
    Map<ModuleVersion, Reference> fromGoSum =
        mainModule(env).map(m -> GoSumReferences.of(m.sums())).orElse(Map.of());
    List<ModuleVersion> versions = versions(fromGoSum);
    ProxyList list;
    try {
      list = ProxyList.parse(goproxy != null ? goproxy : env.goproxy(), env.gonoproxy());
      for (String p : proxies) {
        ProxyList.parse(p, new PrefixPatterns(""));
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    MirrorReport report;
    try (HttpFetcher http = new HttpFetcher(timeout)) {
      SignedLookup db = signedLookup(env, list, http);
      Map<ModuleVersion, Reference> refs = new HashMap<>();
      for (ModuleVersion m : versions) {
        refs.put(m, reference(m, fromGoSum, db));
      }
      report =
          new MirrorChecker(http, ctx.clock(), 8)
              .check(proxies, list, env.gonoproxy(), versions, refs::get);
    }
    if (mod.json) {
      ModMirrorsOutput.json(report, ctx.out());
    } else {
      ModMirrorsOutput.human(report, ctx.out());
    }
    return report.hasProblems() ? ExitCodes.PROBLEMS : ExitCodes.OK;
  }

  private Optional<MainModule> mainModule(ModEnv env) throws IOException {
    Path dir = moduleDir != null ? moduleDir : Path.of(".");
    if (moduleDir == null && !modules.isEmpty() && !Files.isRegularFile(dir.resolve("go.mod"))) {
      return Optional.empty();
    }
    return Optional.of(MainModule.read(dir, ctx.env(), env.goflags()));
  }

  /** The --module versions, else the versions go.sum has zip hashes for. */
  private List<ModuleVersion> versions(Map<ModuleVersion, Reference> fromGoSum) {
    List<ModuleVersion> out = new ArrayList<>();
    for (String s : modules) {
      out.add(
          ModuleVersion.parse(s)
              .orElseThrow(
                  () ->
                      new CommandLine.ParameterException(
                          spec.commandLine(),
                          "--module "
                              + s
                              + ": expected a module path@version with a canonical version")));
    }
    if (out.isEmpty()) {
      out.addAll(GoSumReferences.withZips(fromGoSum));
    }
    if (out.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "no module versions to check: pass --module PATH@VERSION or a MODULE_DIR whose go.sum"
              + " has zip hashes");
    }
    return out;
  }

  /** The checksum database's signed records, or null when GOSUMDB is off or unusable. */
  private static SignedLookup signedLookup(ModEnv env, ProxyList list, HttpFetcher http) {
    Optional<SumdbConfig> db;
    try {
      db = SumdbConfig.parse(env.gosumdb());
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (db.isEmpty()) {
      return null;
    }
    SumdbEndpoint endpoint;
    try {
      endpoint = SumdbEndpoint.resolve(db.get(), list, http);
    } catch (IOException e) {
      endpoint = null; // the cached lookups may still do
    }
    return new SignedLookup(db.get(), new ModCache(env.modCache()), endpoint, http);
  }

  /** go.sum's hashes for {@code m}, else the checksum database's signed record, else none. */
  private static Reference reference(
      ModuleVersion m, Map<ModuleVersion, Reference> fromGoSum, SignedLookup db)
      throws IOException {
    Reference r = fromGoSum.get(m);
    if (r != null && (r.zip().isPresent() || r.mod().isPresent())) {
      return r;
    }
    if (db == null) {
      return Reference.NONE;
    }
    return db.hashes(m).map(h -> new Reference(h.zip(), h.mod(), db.name())).orElse(Reference.NONE);
  }
}
