package dev.gocachectl.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.FixtureModule;
import dev.gocachectl.testing.GoEnv;
import dev.gocachectl.testing.SimulatedGithub;
import dev.gocachectl.testing.SimulatedGitlab;
import dev.gocachectl.testing.SimulatedRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated CI-cache configurations run for real, as their CI would ({@link SimulatedRunner}):
 * three jobs on the default branch in three different workspace paths, the second a day after the
 * first, the third six days after the second. The first compiles the fixture's packages; the second
 * and third compile nothing and take every test result from the cache, so the cache they restored
 * held everything (-trimpath made the keys path-free) and no entry the job before saved was lost to
 * a trim: neither to go's own (the restored trim.txt is stamped: six days of restored mtimes would
 * otherwise let go build's trim delete what go test needs) nor to trim --unused-since before the
 * save.
 *
 * <p>go runs with -x added to GOFLAGS (-x is in no cache key) so that the log shows every compile,
 * cgo and link the job ran. The CI cache starts with a seed: the standard library and the
 * unmodified fixture built with the same settings (as by an earlier commit), so that the first job
 * compiles only the fixture's own packages, which its checkout changes.
 */
@Tag("slow") // real go builds: not in the quick run (./test.sh --quick)
class CiCacheBehaviourTest {
  /**
   * A compile or cgo step go ran (with -x), or a C compiler call. Not the link: go build links main
   * packages every time (only go run and go test cache executables).
   */
  static final Pattern BUILT = Pattern.compile("(?m)(/compile|/cgo|^gcc|^cc) ");

  static Path seed;

  @TempDir Path tmp;

  /** GOCACHE warmed once with the template's settings over the unmodified fixture. */
  static synchronized Path seed() {
    if (seed == null) {
      Path dir = Path.of("target", "test-work", "ci-seed").toAbsolutePath();
      try {
        SimulatedRunner.deleteTree(dir);
        Path cache = Files.createDirectories(dir.resolve("gocache"));
        FixtureModule m = FixtureModule.write(dir.resolve("fixture"));
        GoTool base = GoEnv.isolated(dir.resolve("home"), cache);
        Map<String, String> env = new HashMap<>(base.environment());
        env.put("GOFLAGS", "-trimpath -buildvcs=false");
        env.put("CC", "gcc");
        GoTool go = GoTool.require(env);
        GoEnv.ok(go, m.dir(), "build", "./...");
        GoEnv.ok(go, m.dir(), "test", "./...");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      seed = dir.resolve("gocache");
    }
    return seed;
  }

  /** The fixture as this commit has it: every Go file changed, so the first job compiles them. */
  Path checkout() throws IOException {
    FixtureModule m = FixtureModule.write(tmp.resolve("checkout"));
    for (String f :
        List.of("plain/plain.go", "plain/plain_test.go", "cgo/add.go", "cmd/hello/main.go")) {
      Files.writeString(
          m.dir().resolve(f),
          "\n// changed by this commit\n",
          java.nio.file.StandardOpenOption.APPEND);
    }
    return m.dir();
  }

  /** gocachectl's "release archive": the runner's tools directory as a tar.gz. */
  static String archive(SimulatedRunner runner) throws IOException, InterruptedException {
    Path a = runner.root().resolve("gocachectl.tar.gz");
    Process p =
        new ProcessBuilder("tar", "-czf", a.toString(), "-C", runner.root().toString(), "tools")
            .inheritIO()
            .start();
    assertThat(p.waitFor()).isZero();
    return "file://" + a;
  }

  Path generate(String ci, Path checkout, String archive, String file) throws IOException {
    Cli.Run r = Cli.run("ci", ci, "--archive", archive, checkout.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    // -x prints every command go runs; it is in no cache key
    String text =
        r.out().replace("\"-trimpath -buildvcs=false\"", "\"-trimpath -buildvcs=false -x\"");
    assertThat(text).contains("-x\"");
    Path out = tmp.resolve("config").resolve(file);
    Files.createDirectories(out.getParent());
    Files.writeString(out, text);
    return out;
  }

  static void seedInto(
      SimulatedRunner runner, Path checkout, String key, String relative, boolean inHome)
      throws IOException {
    SimulatedRunner.Job job =
        runner.job("seed", checkout, runner.root().resolve("seed-ws"), Duration.ZERO);
    Path target = (inHome ? job.home() : job.workspace()).resolve(relative);
    SimulatedRunner.copyTree(seed(), target);
    job.save(key, job.workspace(), List.of(inHome ? target.toString() : relative), true);
  }

  static String build(SimulatedRunner.Job job, String step) {
    String log = job.log();
    int at = log.indexOf("## " + step);
    assertThat(at).as("step " + step + " in\n" + log).isNotNegative();
    int end = log.indexOf("\n## ", at + 3);
    return log.substring(at, end < 0 ? log.length() : end);
  }

  static void compiledNothing(String buildLog) {
    assertThat(BUILT.matcher(buildLog).find()).as(buildLog).isFalse();
    assertThat(buildLog).contains("ok  \texample.com/fixture/plain\t(cached)");
  }

  @Test
  void githubJobsADayApartCompileNothingTwice() throws Exception {
    Path checkout = checkout();
    SimulatedRunner runner = new SimulatedRunner(tmp.resolve("runner"));
    Path wf = generate("github", checkout, archive(runner), ".github/workflows/go.yml");
    String version =
        GoEnv.isolated(tmp.resolve("h"), tmp.resolve("c"))
            .run(tmp, List.of("env", "GOVERSION"))
            .stdout()
            .strip();
    seedInto(runner, checkout, "gobuild-Linux-X64-" + version + "-seed", ".cache/go-build", true);

    String step = "Build and test example.com/fixture";
    SimulatedRunner.Job first = runner.job("first", checkout, tmp.resolve("a/repo"), Duration.ZERO);
    new SimulatedGithub(first, SimulatedGithub.Event.push("main").commit("a".repeat(40)), Map.of())
        .run(wf, "go");
    String firstBuild = build(first, step);
    assertThat(firstBuild).contains("-p example.com/fixture/plain").containsPattern(BUILT);

    SimulatedRunner.Job second =
        runner.job("second", checkout, tmp.resolve("elsewhere/b/repo"), Duration.ofDays(1));
    new SimulatedGithub(second, SimulatedGithub.Event.push("main").commit("b".repeat(40)), Map.of())
        .run(wf, "go");
    compiledNothing(build(second, step));
    assertThat(second.log())
        .contains("restored gobuild-Linux-X64-" + version + "--" + "a".repeat(40));

    SimulatedRunner.Job third =
        runner.job("third", checkout, tmp.resolve("c/d/e/repo"), Duration.ofDays(6));
    new SimulatedGithub(third, SimulatedGithub.Event.push("main").commit("c".repeat(40)), Map.of())
        .run(wf, "go");
    compiledNothing(build(third, step));
    assertThat(runner.cacheKeys()).contains("gobuild-Linux-X64-" + version + "--" + "c".repeat(40));
  }

  @Test
  void gitlabJobsADayApartCompileNothingTwice() throws Exception {
    Path checkout = checkout();
    SimulatedRunner runner = new SimulatedRunner(tmp.resolve("runner"));
    Path ci = generate("gitlab", checkout, archive(runner), ".gitlab-ci.yml");
    seedInto(runner, checkout, "gobuild-linux-amd64-go1.24", ".go-build", false);

    SimulatedRunner.Job first =
        runner.job("first", checkout, tmp.resolve("builds/0/g/p"), Duration.ZERO);
    assertThat(new SimulatedGitlab(first, "main", "push", Map.of()).run(ci, "go")).isTrue();
    assertThat(build(first, "go")).contains("-p example.com/fixture/plain").containsPattern(BUILT);

    SimulatedRunner.Job second =
        runner.job("second", checkout, tmp.resolve("builds/1/g/p"), Duration.ofDays(1));
    new SimulatedGitlab(second, "main", "push", Map.of()).run(ci, "go");
    compiledNothing(build(second, "go"));

    SimulatedRunner.Job third =
        runner.job("third", checkout, tmp.resolve("other/builds/7/g/p"), Duration.ofDays(6));
    new SimulatedGitlab(third, "main", "push", Map.of()).run(ci, "go");
    compiledNothing(build(third, "go"));
  }
}
