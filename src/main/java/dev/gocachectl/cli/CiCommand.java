package dev.gocachectl.cli;

import dev.gocachectl.ci.CiRequest;
import dev.gocachectl.ci.ModuleLayout;
import dev.gocachectl.ci.Render;
import dev.gocachectl.ci.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "ci",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Prints a CI configuration for the repository at MODULE_DIR (default: the current"
          + " directory) that keeps go's caches warm and correct: github (a workflow), gitlab"
          + " (.gitlab-ci.yml), docker (a Dockerfile for BuildKit), buildkite (a pipeline).",
      "Without --remote: the CI's own cache for GOCACHE and GOMODCACHE, saved on the default"
          + " branch after a trim to what the job used. With --remote: GOCACHEPROG (gocachectl"
          + " prog) with those shared tiers, read-only where the signing key is not given (pull"
          + " requests from forks), reports to --serve. Both set -trimpath, GOTOOLCHAIN=local,"
          + " -buildvcs=false and a pinned CC, and run gocachectl doctor first; comments say why.",
      "Exit 0: printed; 2: bad input (unknown CI, no go.mod, a bad URL)."
    })
final class CiCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CI", description = "github, gitlab, docker or buildkite.")
  String ci;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "MODULE_DIR",
      description = "The repository (or module) to read go.mod, go.work and the tree from.")
  Path dir;

  @Option(
      names = "--remote",
      paramLabel = "URL",
      description =
          "A shared tier for gocachectl prog (repeatable, fastest first): s3://, redis://,"
              + " http(s):// (bazel-remote). No credentials in it: they come from the CI's"
              + " secrets.")
  List<String> remotes = new ArrayList<>();

  @Option(
      names = "--serve",
      paramLabel = "URL",
      description = "gocachectl serve's URL: prog sends each go command's report there.")
  String serve;

  @Option(
      names = "--archive",
      paramLabel = "URL",
      description =
          "Where the CI downloads gocachectl's release archive (default: the CI variable"
              + " GOCACHECTL_ARCHIVE_URL).")
  String archive;

  CiCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    Target target;
    try {
      target = Target.parse(ci);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Path root = dir == null ? Path.of("").toAbsolutePath() : dir.toAbsolutePath();
    ModuleLayout layout = ModuleLayout.read(root);
    CiRequest request;
    try {
      request =
          new CiRequest(
              target, layout, remotes, Optional.ofNullable(serve), Optional.ofNullable(archive));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    ctx.out().print(Render.render(request));
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
