package dev.gocachectl.doctor;

import dev.gocachectl.gotool.Executables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the checkout's path and repository put into action keys (D7, D8). Without {@code -trimpath}
 * every package outside GOROOT hashes {@code dir <absolute directory>} ({@code
 * cmd/go/internal/work/exec.go} {@code buildActionID}), so a checkout at another path misses
 * everything. With VCS stamping ({@code -buildvcs=auto}, the default) a main package's compile key
 * holds {@code modinfo} with {@code vcs.revision}, {@code vcs.time} and {@code vcs.modified}
 * ({@code cmd/go/internal/load/pkg.go} {@code setBuildInfo}), so main packages miss on every
 * commit; and git refuses a repository owned by another user ("dubious ownership"), which fails the
 * build ("error obtaining VCS status").
 */
final class CheckoutCheck implements Check {
  @Override
  public List<Finding> check(RunnerFacts f) throws IOException {
    List<Finding> out = new ArrayList<>();
    boolean trimpath = f.goflag("trimpath").map(v -> !v.equals("false")).orElse(false);
    Optional<String> varies = JobPaths.checkoutVaries(f);
    if (!trimpath && varies.isPresent()) {
      out.add(
          new Finding(
              FindingId.TRIMPATH_MISSING,
              Severity.MISSES_CACHE,
              "GOFLAGS=" + f.go("GOFLAGS") + " has no -trimpath, and " + varies.get(),
              "every package outside GOROOT hashes its absolute directory (\"dir "
                  + f.workDir()
                  + "/...\"), so a job checked out elsewhere misses on all of them.",
              "add -trimpath to GOFLAGS for every go command that shares the cache",
              "binaries and panics show module paths instead of file system paths; builds with"
                  + " and without -trimpath do not share entries"));
    }
    String buildvcs = f.goflag("buildvcs").orElse("auto");
    if (!buildvcs.equals("false") && f.gitRoot().isPresent()) {
      if (f.ci() != CiKind.NONE) {
        out.add(
            new Finding(
                FindingId.BUILDVCS_STAMPED,
                Severity.MISSES_CACHE,
                "-buildvcs="
                    + buildvcs
                    + " (GOFLAGS="
                    + f.go("GOFLAGS")
                    + ") in the git checkout "
                    + f.gitRoot().get()
                    + " on "
                    + f.ci().title(),
                "main packages stamp vcs.revision, vcs.time and vcs.modified into their compile"
                    + " key: each commit recompiles and relinks every main package.",
                "add -buildvcs=false to GOFLAGS for CI builds and tests",
                "binaries lose the vcs.* build settings (go version -m); stamp release builds"
                    + " separately"));
      }
      dubious(f).ifPresent(out::add);
    }
    return out;
  }

  /** git's "dubious ownership", asked of git only when the repository's owner is not us. */
  private static Optional<Finding> dubious(RunnerFacts f) throws IOException {
    Path git = f.gitRoot().get().resolve(".git");
    int owner;
    try {
      owner = (Integer) Files.getAttribute(git, "unix:uid");
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    }
    if (owner == f.uid() || f.uid() < 0) {
      return Optional.empty();
    }
    Optional<Path> gitExe = Executables.lookPath("git", f.env(), f.workDir());
    if (gitExe.isEmpty()) {
      return Optional.empty();
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                gitExe.get().toString(),
                "-C",
                f.gitRoot().get().toString(),
                "status",
                "--porcelain")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.PIPE);
    pb.environment().clear();
    pb.environment().putAll(f.env());
    Process p = pb.start();
    p.getOutputStream().close();
    String text;
    try (var in = p.getInputStream()) {
      text = new String(in.readNBytes(1 << 16), java.nio.charset.StandardCharsets.UTF_8);
      p.destroy();
    }
    if (!text.contains("dubious ownership")) {
      return Optional.empty();
    }
    return Optional.of(
        new Finding(
            FindingId.BUILDVCS_DUBIOUS_OWNERSHIP,
            Severity.BREAKS_BUILD,
            git
                + " is owned by uid "
                + owner
                + "; go runs as uid "
                + f.uid()
                + " and git says: "
                + firstLine(text),
            "go build of a main package fails with \"error obtaining VCS status: exit status 128\".",
            "git config --global --add safe.directory "
                + f.gitRoot().get()
                + ", or add -buildvcs=false to GOFLAGS",
            "safe.directory trusts that repository's hooks and config for this user"));
  }

  private static String firstLine(String s) {
    for (String l : s.split("\n", -1)) {
      if (l.contains("dubious")) {
        return l.strip();
      }
    }
    return s.strip();
  }
}
