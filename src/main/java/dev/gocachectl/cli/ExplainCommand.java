package dev.gocachectl.cli;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheLocation;
import dev.gocachectl.explain.CacheCheck;
import dev.gocachectl.explain.CacheReport;
import dev.gocachectl.explain.Capture;
import dev.gocachectl.explain.Explainer;
import dev.gocachectl.explain.Explanation;
import dev.gocachectl.explain.Manifest;
import dev.gocachectl.explain.ManifestFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
    name = "explain",
    description = {
      "Why a Go build missed the cache, by root cause, with the remedy.",
      "  explain A B                     compare two captures (manifests or gocachehash logs)",
      "  explain [--env-a K=V].. [--env-b K=V].. [--dir-a D --dir-b D] -- build ./...",
      "                                  run the go command twice and compare",
      "  explain --save FILE [--env K=V].. [--dir D] -- build ./...   capture one run",
      "  explain --save-remote URL [--env K=V].. [--dir D] -- build ./...  for gocachectl compare",
      "  explain --log FILE [--save FILE]                              read a captured log",
      "  explain --against-cache [--baseline FILE] -- build ./...      what would miss, no build",
      "Exit 0: nothing differs (all would hit); 1: differences (misses) found; 2: error."
    })
final class ExplainCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "ARG", description = "Captures A and B, or after --, the go command.")
  List<String> params = new ArrayList<>();

  @Mixin ExplainSides sides;

  @Option(names = "--env", paramLabel = "NAME=VALUE", description = "A variable (one run).")
  List<String> env;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where go runs (one run).")
  Path dir;

  @Option(names = "--save", paramLabel = "FILE", description = "Save the capture (.gz: gzip).")
  Path save;

  @Option(
      names = "--save-remote",
      paramLabel = "URL",
      description =
          "Store the capture in the shared store under the build key and this runner's name"
              + " (GOCACHECTL_RUNNER, else the host name), for gocachectl compare.")
  String saveRemote;

  @Option(names = "--log", paramLabel = "FILE", description = "Read a gocachehash log.")
  Path log;

  @Option(
      names = "--against-cache",
      description = "Which compile actions would miss in the cache and why, without building.")
  boolean againstCache;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "With --against-cache: a capture of the build that filled the cache.")
  Path baseline;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "The GOCACHE the go commands use (default: theirs).")
  Path cache;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(
      names = {"-v", "--verbose"},
      description = "List every action, not the first few.")
  boolean verbose;

  ExplainCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    List<String> originals = spec.commandLine().getParseResult().originalArgs();
    int dash = originals.indexOf("--");
    int goCount = dash < 0 ? 0 : originals.size() - dash - 1;
    List<String> files = params.subList(0, params.size() - goCount);
    List<String> goArgs = params.subList(params.size() - goCount, params.size());
    boolean runOptions = sides.given();
    boolean oneRun = env != null || dir != null;
    require(baseline == null || againstCache, "--baseline goes with --against-cache");
    require(
        saveRemote == null || (files.isEmpty() && !goArgs.isEmpty() && !againstCache),
        "--save-remote saves one run of a go command it makes: explain --save-remote URL -- build"
            + " ./... (its build key comes from that command)");
    if (!files.isEmpty()) {
      require(save == null, "--save saves a capture; explain A B compares saved ones");
      require(
          files.size() != 1 || !goArgs.isEmpty() || log != null,
          "explain A B compares two captures and only "
              + files.get(0)
              + " is given: add the second capture, or read one with explain --log "
              + files.get(0));
      require(
          files.size() == 2
              && goArgs.isEmpty()
              && !runOptions
              && !oneRun
              && !againstCache
              && log == null,
          "explain A B compares two captures and takes no go command, --env/--dir or --log");
      return compare(Path.of(files.get(0)), Path.of(files.get(1)));
    }
    if (againstCache) {
      require(
          !goArgs.isEmpty() && !runOptions && log == null,
          "--against-cache takes --env/--dir and a go build command after --");
      return againstCache(goArgs);
    }
    if (log != null) {
      require(
          goArgs.isEmpty() && !runOptions && !oneRun, "--log reads a log: no go command to run");
      return summarize(ManifestFile.read(log), log.toString());
    }
    require(!goArgs.isEmpty(), "give two captures (explain A B) or a go command after --");
    requireSaveDir("--save", save);
    requireSaveDir("--save-a", sides.saveA);
    requireSaveDir("--save-b", sides.saveB);
    if (saveRemote != null) {
      try {
        dev.gocachectl.remote.stores.RemoteStores.check(saveRemote, ctx.env());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--save-remote: "
                + e.getMessage()
                + " ("
                + dev.gocachectl.remote.stores.RemoteStores.FORMS
                + ")");
      }
    }
    if (save != null || saveRemote != null) {
      require(
          !runOptions,
          "--save and --save-remote save one run; in run mode use --save-a and --save-b");
      GoSide side = side("--env", env, dir, "--dir");
      Capture.Result r = side.capture(ctx, "capture", goArgs);
      if (saveRemote != null) {
        saveRemote(r.manifest(), side, goArgs);
      }
      return summarize(r.manifest(), side.describe(goArgs));
    }
    require(
        !oneRun,
        "--env and --dir are for one run; compare two with --env-a/--env-b, --dir-a/--dir-b");
    return runMode(goArgs);
  }

  private int runMode(List<String> goArgs) throws IOException {
    GoSide a = side("--env-a", sides.envA, sides.dirA, "--dir-a");
    GoSide b = side("--env-b", sides.envB, sides.dirB, "--dir-b");
    Manifest ma = a.capture(ctx, "A", goArgs).manifest();
    Manifest mb = b.capture(ctx, "B", goArgs).manifest();
    if (sides.saveA != null) {
      ManifestFile.write(ma, sides.saveA);
    }
    if (sides.saveB != null) {
      ManifestFile.write(mb, sides.saveB);
    }
    return report(Explainer.explain(ma, mb), a.describe(goArgs), b.describe(goArgs));
  }

  private int compare(Path a, Path b) throws IOException {
    return report(
        Explainer.explain(ManifestFile.read(a), ManifestFile.read(b)), a.toString(), b.toString());
  }

  private int report(Explanation e, String labelA, String labelB) throws IOException {
    if (json) {
      ExplainOutput.json(e, labelA, labelB, ctx.out());
    } else {
      ExplainOutput.human(e, labelA, labelB, ctx.out(), verbose);
    }
    return e.differs() ? ExitCodes.PROBLEMS : ExitCodes.OK;
  }

  private int summarize(Manifest m, String label) throws IOException {
    Long size = null;
    if (save != null) {
      ManifestFile.write(m, save);
      size = java.nio.file.Files.size(save);
    }
    CaptureOutput.print(m, label, save, size, json, ctx.out());
    return ExitCodes.OK;
  }

  /** Stores the capture for compare: the build key is the one prog computes for this command. */
  private void saveRemote(Manifest m, GoSide side, List<String> goArgs) throws IOException {
    java.util.Map<String, String> environment = side.environment(ctx);
    Path where = side.dir() == null ? Path.of("").toAbsolutePath() : side.dir().toAbsolutePath();
    dev.gocachectl.cache.ActionId key = dev.gocachectl.prog.BuildKey.of(goArgs, where, environment);
    String runner = dev.gocachectl.prog.RunnerName.of(environment);
    Path tmp = java.nio.file.Files.createTempDirectory("gocachectl-explain");
    try (dev.gocachectl.remote.RemoteStore store =
        dev.gocachectl.remote.stores.RemoteStores.open(
            saveRemote, dev.gocachectl.remote.RemoteOptions.defaults(), ctx.env())) {
      long size = dev.gocachectl.compare.RemoteRunners.save(store, key, runner, m, tmp);
      ctx.err()
          .println(
              "gocachectl explain: saved the capture of runner "
                  + runner
                  + " to "
                  + store.describe()
                  + " ("
                  + size
                  + " bytes gzip-compressed) under build key "
                  + key.hex());
    } finally {
      java.nio.file.Files.deleteIfExists(tmp);
    }
  }

  private int againstCache(List<String> goArgs) throws IOException {
    GoSide side = side("--env", env, dir, "--dir");
    CacheDir dirOfCache =
        CacheDir.open(CacheLocation.resolve(Optional.ofNullable(cache), side.environment(ctx)));
    Manifest base = baseline == null ? null : ManifestFile.read(baseline);
    CacheReport r =
        CacheCheck.check(side.tool(ctx), side.dir(), goArgs, dirOfCache, base, ctx.err()::println);
    CacheCheckOutput.print(r, side.describe(goArgs), json, verbose, ctx.out());
    return r.misses() > 0 ? ExitCodes.PROBLEMS : ExitCodes.OK;
  }

  private GoSide side(String envFlag, List<String> pairs, Path where, String dirFlag) {
    return GoSide.parse(spec.commandLine(), envFlag, pairs, where, dirFlag).withCache(cache);
  }

  /** Before go runs: a capture that cannot be saved is refused, not lost after the build. */
  private void requireSaveDir(String flag, Path file) {
    if (file != null) {
      Path parent = file.toAbsolutePath().getParent();
      require(
          java.nio.file.Files.isDirectory(parent),
          flag
              + " "
              + file
              + ": "
              + parent
              + " is not a directory; create it or save the capture elsewhere");
    }
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw new CommandLine.ParameterException(spec.commandLine(), message);
    }
  }
}
