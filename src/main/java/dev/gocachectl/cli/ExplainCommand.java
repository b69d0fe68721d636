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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
      "  explain --log FILE [--save FILE]                              read a captured log",
      "  explain --against-cache [--baseline FILE] -- build ./...      what would miss, no build",
      "Exit 0: nothing differs (all would hit); 1: differences (misses) found; 2: error."
    })
final class ExplainCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "ARG", description = "Captures A and B, or after --, the go command.")
  List<String> params = new ArrayList<>();

  @Option(names = "--env-a", paramLabel = "NAME=VALUE", description = "A variable for side A.")
  List<String> envA;

  @Option(names = "--env-b", paramLabel = "NAME=VALUE", description = "A variable for side B.")
  List<String> envB;

  @Option(names = "--dir-a", paramLabel = "DIR", description = "Where side A runs.")
  Path dirA;

  @Option(names = "--dir-b", paramLabel = "DIR", description = "Where side B runs.")
  Path dirB;

  @Option(names = "--env", paramLabel = "NAME=VALUE", description = "A variable (one run).")
  List<String> env;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where go runs (one run).")
  Path dir;

  @Option(names = "--save", paramLabel = "FILE", description = "Save the capture (.gz: gzip).")
  Path save;

  @Option(names = "--save-a", paramLabel = "FILE", description = "Save side A's capture.")
  Path saveA;

  @Option(names = "--save-b", paramLabel = "FILE", description = "Save side B's capture.")
  Path saveB;

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
    boolean runOptions = envA != null || envB != null || dirA != null || dirB != null;
    boolean oneRun = env != null || dir != null;
    if (!files.isEmpty()) {
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
    if (save != null) {
      require(!runOptions, "--save saves one run; in run mode use --save-a and --save-b");
      GoSide side = side("--env", env, dir, "--dir");
      Capture.Result r = capture("capture", side, goArgs);
      return summarize(r.manifest(), describe(side, goArgs));
    }
    require(
        !oneRun,
        "--env and --dir are for one run; compare two with --env-a/--env-b, --dir-a/--dir-b");
    return runMode(goArgs);
  }

  private int runMode(List<String> goArgs) throws IOException {
    GoSide a = side("--env-a", envA, dirA, "--dir-a");
    GoSide b = side("--env-b", envB, dirB, "--dir-b");
    Manifest ma = capture("A", a, goArgs).manifest();
    Manifest mb = capture("B", b, goArgs).manifest();
    if (saveA != null) {
      ManifestFile.write(ma, saveA);
    }
    if (saveB != null) {
      ManifestFile.write(mb, saveB);
    }
    return report(Explainer.explain(ma, mb), describe(a, goArgs), describe(b, goArgs));
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

  private int againstCache(List<String> goArgs) throws IOException {
    GoSide side = side("--env", env, dir, "--dir");
    CacheDir dirOfCache =
        CacheDir.open(CacheLocation.resolve(Optional.ofNullable(cache), merged(side)));
    Manifest base = baseline == null ? null : ManifestFile.read(baseline);
    CacheReport r =
        CacheCheck.check(side.tool(ctx), side.dir(), goArgs, dirOfCache, base, ctx.err()::println);
    CacheCheckOutput.print(r, describe(side, goArgs), json, verbose, ctx.out());
    return r.misses() > 0 ? ExitCodes.PROBLEMS : ExitCodes.OK;
  }

  private Capture.Result capture(String name, GoSide side, List<String> goArgs) throws IOException {
    ctx.err().println("gocachectl explain: " + name + ": " + describe(side, goArgs));
    ctx.err().flush();
    Capture.Result r = Capture.run(side.tool(ctx), side.dir(), goArgs, ctx.err()::println);
    if (r.manifest().actions().isEmpty()) {
      throw new IOException(
          name
              + ": go "
              + String.join(" ", goArgs)
              + " exited "
              + r.exitCode()
              + " and hashed no actions; its last output:\n"
              + String.join("\n", r.tail()));
    }
    if (r.exitCode() != 0) {
      ctx.err()
          .println(
              "gocachectl explain: "
                  + name
                  + ": go exited "
                  + r.exitCode()
                  + "; explaining the actions it hashed before that");
    }
    return r;
  }

  private GoSide side(String envFlag, List<String> pairs, Path where, String dirFlag) {
    GoSide s = GoSide.parse(spec.commandLine(), envFlag, pairs, where, dirFlag);
    if (cache == null) {
      return s;
    }
    Map<String, String> e = new java.util.LinkedHashMap<>(s.env());
    e.put("GOCACHE", cache.toAbsolutePath().normalize().toString());
    return new GoSide(e, s.dir());
  }

  private Map<String, String> merged(GoSide side) {
    Map<String, String> e = new java.util.HashMap<>(ctx.env());
    e.putAll(side.env());
    return e;
  }

  private static String describe(GoSide side, List<String> goArgs) {
    String where = side.dir() == null ? "" : " in " + side.dir();
    String vars = side.describe().isEmpty() ? "" : " with " + side.describe();
    return "go " + String.join(" ", goArgs) + where + vars;
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw new CommandLine.ParameterException(spec.commandLine(), message);
    }
  }
}
