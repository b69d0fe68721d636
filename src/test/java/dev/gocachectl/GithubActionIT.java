package dev.gocachectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.hits.ActionGraph;
import dev.gocachectl.testing.FixtureModule;
import dev.gocachectl.testing.RedisServer;
import dev.gocachectl.testing.ServerProcess;
import dev.gocachectl.testing.SimulatedGithub;
import dev.gocachectl.testing.SimulatedRunner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code action.yml} run for real on a {@link SimulatedRunner}: its {@code run:} steps in order in
 * real shells with the real go on the fixture module, its {@code uses:} steps (actions/cache,
 * setup-java) simulated by {@link SimulatedGithub}. The action is used as {@code uses:
 * ./.gocachectl}, a link in the job's workspace to this checkout, so that {@code
 * github.action_path} is the checkout as for {@code uses: OWNER/gocachectl@REF}. The release
 * archive it installs is this checkout's, made once by {@code ./gocachectl dist} and published
 * under a {@code file://} release URL.
 */
@Tag("slow") // builds the release archive and runs several go builds
class GithubActionIT {
  @TempDir static Path tmp;

  static Path releases;
  static Path module;

  @BeforeAll
  static void publishTheReleaseArchive() throws Exception {
    Path out = tmp.resolve("out");
    Process dist =
        new ProcessBuilder(
                "sh",
                Path.of("gocachectl").toAbsolutePath().toString(),
                "dist",
                "--out",
                out.toString())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectError(tmp.resolve("dist.err").toFile())
            .redirectOutput(tmp.resolve("dist.out").toFile())
            .start();
    assertThat(dist.waitFor()).as(Files.readString(tmp.resolve("dist.err"))).isZero();
    Path archive = Path.of(Files.readString(tmp.resolve("dist.out")).strip());
    Matcher m =
        Pattern.compile("gocachectl-(.+)-linux-amd64\\.tar\\.gz")
            .matcher(archive.getFileName().toString());
    assertThat(m.matches()).isTrue();
    releases = tmp.resolve("releases");
    Path dir = Files.createDirectories(releases.resolve("v" + m.group(1)));
    Files.move(archive, dir.resolve(archive.getFileName()));
    module = FixtureModule.write(tmp.resolve("fixture")).dir();
  }

  private static final String WORKFLOW =
      """
      name: ci
      on: [push, pull_request]
      env:
        XDG_RUNTIME_DIR: RUNTIME_DIR_PATH
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
            - uses: actions/setup-go@v5
              with:
                go-version-file: go.mod
                cache: false
            - id: gocachectl
              uses: ./.gocachectl
              with:
                release-url: RELEASE_URL
                remote: REMOTE
                serve-url: SERVE_URL
                serve-token: ${{ secrets.GOCACHECTL_TOKEN }}
            - run: |
                go build -debug-actiongraph="$RUNNER_TEMP/build.json" ./...
                go test ./...
            - if: always()
              uses: ./.gocachectl
              with:
                phase: end
                remote: REMOTE
                serve-url: SERVE_URL
      """;

  private static Path workflow(String name, String releaseUrl, String remote, String serveUrl)
      throws IOException {
    return Files.writeString(
        tmp.resolve(name + ".yml"),
        WORKFLOW
            .replace("RELEASE_URL", releaseUrl)
            .replace("REMOTE", remote)
            .replace("SERVE_URL", serveUrl)
            .replace("RUNTIME_DIR_PATH", xdg().toString()));
  }

  /** The runtime directory the prog daemons' sockets go into: private, as the bridge demands. */
  private static Path xdg() throws IOException {
    Path xdg = tmp.resolve("xdg");
    if (!Files.isDirectory(xdg)) {
      Files.createDirectories(
          xdg, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return xdg;
  }

  /** Ends the prog daemons the bridge started for these jobs. */
  @AfterAll
  static void stopDaemons() {
    String runtimeDir = tmp.resolve("xdg").toString();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(runtimeDir))
        .forEach(ProcessHandle::destroy);
  }

  /** A job whose workspace holds the fixture module and the action as ./.gocachectl. */
  private static SimulatedRunner.Job job(
      SimulatedRunner runner, String name, Path workspace, Duration later) throws IOException {
    SimulatedRunner.Job job = runner.job(name, module, workspace, later);
    Files.createSymbolicLink(job.workspace().resolve(".gocachectl"), Path.of("").toAbsolutePath());
    return job;
  }

  /**
   * A step of that name that ran, in either use of the action (each use skips the other phase's
   * steps, and the log says "skipped" under their headings).
   */
  private static Pattern ran(String step) {
    return Pattern.compile("(?m)^## " + Pattern.quote(step) + "\n(?!skipped\n)");
  }

  /** The fixture's compile actions that ran (missed) in the job's go build. */
  private static List<String> compiled(SimulatedRunner.Job job) throws IOException {
    return ActionGraph.read(job.temp().resolve("build.json")).stream()
        .filter(a -> a.ran() && "build".equals(a.mode()))
        .map(ActionGraph.Action::pkg)
        .filter(p -> p.startsWith(FixtureModule.PATH))
        .toList();
  }

  /**
   * The CI cache (no remote), the archive published: two pushes to main in two workspaces, the
   * second a day later. The second compiles nothing and its tests are cached; each saves GOCACHE
   * under its own key after the trim.
   */
  @Test
  void theCiCacheCarriesTheBuildToTheNextJobElsewhereADayLater() throws Exception {
    Path wf = workflow("cache", "file://" + releases, "", "");
    SimulatedRunner runner = new SimulatedRunner(tmp.resolve("runner-cache"));

    SimulatedRunner.Job first = job(runner, "first", tmp.resolve("w1/repo"), Duration.ZERO);
    SimulatedGithub gh = new SimulatedGithub(first, SimulatedGithub.Event.push("main"), Map.of());
    gh.run(wf, "build");
    assertThat(gh.outputs("gocachectl"))
        .containsEntry("installed-from", "release")
        .containsEntry("cache-hit", "false");
    assertThat(gh.outputs("gocachectl").get("gocachectl")).startsWith(first.temp().toString());
    assertThat(compiled(first)).isNotEmpty();
    assertThat(first.log())
        .containsPattern(ran("gocachectl doctor"))
        .containsPattern(ran("trim GOCACHE to what this job used"))
        .doesNotContainPattern(ran("build gocachectl"));
    assertThat(runner.cacheKeys()).anyMatch(k -> k.startsWith("gocachectl-gocache-Linux-X64-go1."));

    SimulatedRunner.Job second =
        job(runner, "second", tmp.resolve("elsewhere/deeper/repo"), Duration.ofDays(1));
    SimulatedGithub gh2 = new SimulatedGithub(second, SimulatedGithub.Event.push("main"), Map.of());
    gh2.run(wf, "build");
    assertThat(compiled(second)).as(second.log()).isEmpty();
    assertThat(second.log())
        .containsPattern("ok\\s+" + Pattern.quote(FixtureModule.PATH) + "/plain\\s+\\(cached\\)");
  }

  /**
   * Remote tiers and serve, no archive published: the action builds gocachectl from its checkout
   * with the JDK setup-java gives, sets GOCACHEPROG with the Redis tier and the report target, and
   * serve receives the job's reports. The token is in the log only on the ::add-mask:: line, which
   * the runner never shows.
   */
  @Test
  void progWithARemoteAndServeBuiltFromTheCheckoutKeepsTheTokenOut() throws Exception {
    Path data = tmp.resolve("serve-data");
    try (RedisServer redis = RedisServer.start();
        ServerProcess serve =
            ServerProcess.start(
                "serve",
                tmp,
                port ->
                    List.of(
                        Path.of("gocachectl").toAbsolutePath().toString(),
                        "serve",
                        "--data",
                        data.toString(),
                        "--listen",
                        "127.0.0.1:" + port))) {
      String token = Files.readString(data.resolve("token")).strip();
      String serveUrl = "http://127.0.0.1:" + serve.port();
      Path wf = workflow("prog", "file://" + tmp.resolve("no-releases"), redis.url(), serveUrl);
      SimulatedRunner runner = new SimulatedRunner(tmp.resolve("runner-prog"));
      SimulatedRunner.Job job = job(runner, "prog", tmp.resolve("w3/repo"), Duration.ZERO);
      SimulatedGithub gh =
          new SimulatedGithub(
                  job, SimulatedGithub.Event.push("main"), Map.of("GOCACHECTL_TOKEN", token))
              .action(
                  "actions/setup-java",
                  (j, with, env) -> {
                    assertThat(with)
                        .containsEntry("distribution", "temurin")
                        .containsEntry("java-version", "25");
                    env.setEnv("JAVA_HOME", System.getProperty("java.home"));
                    return Map.of();
                  });
      gh.run(wf, "build");
      assertThat(gh.outputs("gocachectl")).containsEntry("installed-from", "checkout");
      assertThat(job.log())
          .containsPattern(ran("build gocachectl"))
          .containsPattern(ran("GOCACHEPROG"))
          .containsPattern(ran("push the build reports"))
          .doesNotContainPattern(ran("trim GOCACHE to what this job used"));
      assertThat(runner.cacheKeys()).noneMatch(k -> k.contains("gocache-"));
      try (Stream<String> lines = job.log().lines()) {
        assertThat(lines.filter(l -> l.contains(token)))
            .allMatch(l -> l.startsWith("::add-mask::"));
      }
      Path tokenFile = job.temp().resolve("gocachectl/serve-token");
      assertThat(Files.getPosixFilePermissions(tokenFile).toString())
          .isEqualTo("[OWNER_READ, OWNER_WRITE]");
      // serve acknowledged the job's reports (its metrics show a new series at zero first)
      assertThat(job.log())
          .containsPattern(
              "sent [1-9][0-9]* reports to " + Pattern.quote(serveUrl) + "; 0 kept for later");
    }
  }
}
