package dev.gocachectl.doctor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which paths change from one job to the next: temporary directories (/tmp, TMPDIR, the CI's own
 * temporary directory), paths holding a per-job value (a job ID, a run number, a commit), and the
 * checkout when the CI puts it somewhere else each time.
 */
final class JobPaths {
  private JobPaths() {}

  /** Directories emptied between jobs (or at reboot). */
  static List<Path> tempDirs(RunnerFacts f) {
    List<Path> out = new ArrayList<>();
    out.add(Path.of("/tmp"));
    for (String v : List.of("TMPDIR", "RUNNER_TEMP", "CI_BUILDS_DIR_TMP")) {
      String d = f.raw(v);
      if (!d.isEmpty() && Path.of(d).isAbsolute()) {
        out.add(Path.of(d).normalize());
      }
    }
    return out;
  }

  /** Why {@code p} is specific to this job, if it is. */
  static Optional<String> why(Path p, RunnerFacts f) {
    Path n = p.toAbsolutePath().normalize();
    for (Path t : tempDirs(f)) {
      if (n.startsWith(t)) {
        return Optional.of("it is under the temporary directory " + t);
      }
    }
    for (String v : f.ci().perJobVariables()) {
      String val = f.raw(v);
      if (val.length() >= 3 && segments(n).contains(val)) {
        return Optional.of("it holds $" + v + " (" + val + ")");
      }
    }
    Optional<String> varies = checkoutVaries(f);
    if (varies.isPresent() && n.startsWith(f.workDir())) {
      return Optional.of("it is under the checkout, and " + varies.get());
    }
    return Optional.empty();
  }

  private static List<String> segments(Path p) {
    List<String> s = new ArrayList<>();
    for (Path e : p) {
      s.add(e.toString());
    }
    return s;
  }

  /**
   * Why the checkout directory is not the same from one job to the next on this CI, if it is not:
   * self-hosted GitHub runners each have their own work directory; GitLab's shell and
   * docker-autoscaler executors put the concurrent-job number in the path; Jenkins gives each job
   * and branch a workspace and appends {@code @2} for a concurrent build; Buildkite puts the
   * agent's name in the path. GitHub-hosted runners and CircleCI use a fixed path.
   */
  static Optional<String> checkoutVaries(RunnerFacts f) {
    for (Path t : tempDirs(f)) {
      if (f.workDir().startsWith(t)) {
        return Optional.of("the checkout " + f.workDir() + " is in the temporary directory " + t);
      }
    }
    String dir = f.ci().checkoutVariable() == null ? "" : f.raw(f.ci().checkoutVariable());
    return switch (f.ci()) {
      case GITHUB_ACTIONS ->
          f.raw("RUNNER_ENVIRONMENT").equals("self-hosted")
              ? Optional.of(
                  "self-hosted runners each check out under their own work directory ($GITHUB_WORKSPACE="
                      + dir
                      + ")")
              : Optional.empty();
      case GITLAB -> {
        String id = f.raw("CI_CONCURRENT_ID");
        yield !id.isEmpty() && segments(Path.of(dir.isEmpty() ? "/" : dir)).contains(id)
            ? Optional.of(
                "GitLab puts the concurrent-job number in the checkout path ($CI_PROJECT_DIR="
                    + dir
                    + ", $CI_CONCURRENT_ID="
                    + id
                    + ")")
            : Optional.empty();
      }
      case JENKINS ->
          Optional.of(
              "Jenkins gives each job and branch its own workspace and appends @2, @3 to it for"
                  + " concurrent builds ($WORKSPACE="
                  + dir
                  + ")");
      case BUILDKITE -> {
        String agent = f.raw("BUILDKITE_AGENT_NAME");
        yield !agent.isEmpty() && dir.contains(agent)
            ? Optional.of(
                "Buildkite puts the agent's name in the checkout path"
                    + " ($BUILDKITE_BUILD_CHECKOUT_PATH="
                    + dir
                    + ")")
            : Optional.empty();
      }
      case CIRCLECI, NONE -> Optional.empty();
    };
  }
}
