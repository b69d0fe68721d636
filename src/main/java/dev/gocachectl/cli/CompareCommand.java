package dev.gocachectl.cli;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.compare.Comparison;
import dev.gocachectl.compare.LocalRunners;
import dev.gocachectl.compare.RemoteRunners;
import dev.gocachectl.compare.RunnerSide;
import dev.gocachectl.prog.RunnerName;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.stores.RemoteStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "compare",
    description = {
      "Why one runner misses what another stored: the differences of what decides action IDs"
          + " (toolchain and GOROOT, target, GOFLAGS, cgo and the C compiler's version, where the"
          + " module is), each with its category and remedy, then how many actions each run used"
          + " that the other did not, then explain's root causes when both runners saved a"
          + " capture (explain --save-remote).",
      "  compare --remote URL [--key KEY] RUNNER_A [RUNNER_B]   runners' last runs, from the store",
      "  compare FILE_A FILE_B    build manifests or doctor --snapshot files",
      "A runner is named by GOCACHECTL_RUNNER, else its host name; RUNNER_B defaults to this one."
          + " Without --key, each runner's latest build.",
      "Exit 0: nothing differs; 1: differences found; 2: error."
    })
final class CompareCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "RUNNER|FILE", description = "The two sides.")
  List<String> sides = new ArrayList<>();

  @Option(names = "--remote", paramLabel = "URL", description = "The shared store prog uses.")
  String remote;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "The build key (64 hex digits, as prog printed it).")
  String key;

  @Option(
      names = "--capture-a",
      paramLabel = "FILE",
      description = "An explain capture of side A (local files).")
  Path captureA;

  @Option(
      names = "--capture-b",
      paramLabel = "FILE",
      description = "An explain capture of side B (local files).")
  Path captureB;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  CompareCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    Comparison c;
    if (remote != null) {
      require(
          captureA == null && captureB == null,
          "--capture-a/--capture-b are for local files; with --remote the captures come from"
              + " the store (explain --save-remote)");
      require(
          sides.size() == 1 || sides.size() == 2,
          "compare --remote URL takes one or two runner names (RUNNER_A [RUNNER_B]), got "
              + sides.size());
      ActionId k = key == null ? null : parseKey(key);
      String a = sides.get(0);
      String b = sides.size() == 2 ? sides.get(1) : RunnerName.of(ctx.env());
      try {
        RemoteStores.check(remote, ctx.env());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--remote: " + e.getMessage() + " (" + RemoteStores.FORMS + ")");
      }
      Path tmp = Files.createTempDirectory("gocachectl-compare");
      try (RemoteStore store = RemoteStores.open(remote, RemoteOptions.defaults(), ctx.env())) {
        RunnerSide sa = RemoteRunners.fetch(store, k, a, tmp);
        RunnerSide sb = RemoteRunners.fetch(store, k, b, tmp);
        for (RunnerSide s : List.of(sa, sb)) {
          if (s.build() == null && s.capture() == null) {
            throw new IOException(
                store.describe()
                    + " holds nothing of runner "
                    + s.label()
                    + (k == null ? "" : " for build key " + k.hex())
                    + ": run the build there with prog --remote (or explain --save-remote), or"
                    + " check the runner's name (GOCACHECTL_RUNNER, else the host name)");
          }
        }
        c = Comparison.of(sa, sb);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } else {
      require(key == null, "--key names a build in the remote store: give --remote URL too");
      require(
          sides.size() == 2,
          "compare FILE_A FILE_B takes two files (build manifests or doctor --snapshot files), or"
              + " compare --remote URL RUNNER_A RUNNER_B");
      c =
          Comparison.of(
              LocalRunners.read(Path.of(sides.get(0)), captureA),
              LocalRunners.read(Path.of(sides.get(1)), captureB));
    }
    if (json) {
      CompareOutput.json(c, key, ctx.out());
    } else {
      CompareOutput.human(c, ctx.out());
    }
    return c.differs() ? ExitCodes.PROBLEMS : ExitCodes.OK;
  }

  private ActionId parseKey(String hex) {
    require(
        hex.matches("[0-9a-fA-F]{64}"),
        "--key: '" + hex + "' is not a build key (expected 64 hex digits, as prog printed it)");
    return new ActionId(Hash.fromHex(hex.toLowerCase(java.util.Locale.ROOT)));
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw new CommandLine.ParameterException(spec.commandLine(), message);
    }
  }
}
