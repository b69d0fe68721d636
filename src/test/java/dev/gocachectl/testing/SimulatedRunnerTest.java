package dev.gocachectl.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated runner keeps the promises the ci tests rely on. */
class SimulatedRunnerTest {
  @TempDir Path dir;

  private static final String WORKFLOW =
      """
      name: t
      on: push
      env:
        FROM_WORKFLOW: w
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
            - id: restore
              uses: actions/cache/restore@v4
              with:
                path: |
                  ~/.cache/thing
                  out
                key: thing-${{ runner.os }}-${{ hashFiles('**/input.txt') }}-${{ github.run_id }}
                restore-keys: |
                  thing-${{ runner.os }}-${{ hashFiles('**/input.txt') }}-
            - id: env
              run: |
                echo "FROM_STEP=s" >> "$GITHUB_ENV"
                mkdir -p "$RUNNER_TEMP/bin" && printf '#!/bin/sh\\necho tool ran\\n' > "$RUNNER_TEMP/bin/tool"
                chmod +x "$RUNNER_TEMP/bin/tool"
                echo "$RUNNER_TEMP/bin" >> "$GITHUB_PATH"
                { echo "multi<<EOF"; echo "a"; echo "b"; echo "EOF"; } >> "$GITHUB_OUTPUT"
            - run: |
                test "$FROM_WORKFLOW$FROM_STEP" = ws
                test "${{ steps.env.outputs.multi }}" = "$(printf 'a\\nb')"
                tool
                mkdir -p ~/.cache/thing out
                [ -f ~/.cache/thing/trim.txt ] || echo 1700000000 > ~/.cache/thing/trim.txt
                [ -f out/made ] || echo once > out/made
            - if: github.ref == format('refs/heads/{0}', github.event.repository.default_branch)
              uses: actions/cache/save@v4
              with:
                path: |
                  ~/.cache/thing
                  out
                key: ${{ steps.restore.outputs.cache-primary-key }}
      """;

  @Test
  void githubJobsShareOnlyTheCacheAndTheSecondSeesItADayOld() throws IOException {
    Path wf = Files.writeString(dir.resolve("wf.yml"), WORKFLOW);
    Path checkout = Files.createDirectories(dir.resolve("src"));
    Files.writeString(checkout.resolve("input.txt"), "x");
    SimulatedRunner runner = new SimulatedRunner(dir.resolve("runner"));

    SimulatedRunner.Job first =
        runner.job("first", checkout, dir.resolve("w1/repo"), Duration.ZERO);
    SimulatedGithub gh = new SimulatedGithub(first, SimulatedGithub.Event.push("main"), Map.of());
    gh.run(wf, "build");
    assertThat(gh.outputs("restore")).containsEntry("cache-hit", "false");
    assertThat(first.log()).contains("tool ran");
    assertThat(runner.cacheKeys()).hasSize(1);
    Instant made = Files.getLastModifiedTime(first.workspace().resolve("out/made")).toInstant();

    SimulatedRunner.Job second =
        runner.job("second", checkout, dir.resolve("elsewhere/deeper/repo"), Duration.ofDays(1));
    assertThat(second.home().resolve(".cache/thing")).doesNotExist(); // a fresh VM
    SimulatedGithub gh2 =
        new SimulatedGithub(second, SimulatedGithub.Event.pullRequest(true), Map.of());
    gh2.run(wf, "build");
    assertThat(gh2.outputs("restore").get("cache-matched-key"))
        .isEqualTo(runner.cacheKeys().getFirst());
    FileTime restored = Files.getLastModifiedTime(second.workspace().resolve("out/made"));
    // tar keeps whole seconds
    assertThat(Duration.between(restored.toInstant(), made))
        .isBetween(Duration.ofDays(1), Duration.ofDays(1).plusSeconds(1));
    assertThat(Files.readString(second.home().resolve(".cache/thing/trim.txt")).strip())
        .isEqualTo(String.valueOf(1700000000L - 86400));
    assertThat(runner.cacheKeys()).hasSize(1); // a pull request saves nothing
  }

  @Test
  void aFailedStepFailsTheJobWithItsLog() throws IOException {
    Path wf =
        Files.writeString(
            dir.resolve("wf.yml"),
            """
            on: push
            jobs:
              b:
                runs-on: ubuntu-latest
                steps:
                  - run: echo broken-step; exit 3
                  - run: echo never
                  - if: always()
                    run: echo cleanup
            """);
    SimulatedRunner runner = new SimulatedRunner(dir.resolve("runner"));
    SimulatedRunner.Job job =
        runner.job(
            "j", Files.createDirectories(dir.resolve("src")), dir.resolve("w"), Duration.ZERO);
    SimulatedGithub gh = new SimulatedGithub(job, SimulatedGithub.Event.push("main"), Map.of());
    assertThatThrownBy(() -> gh.run(wf, "b"))
        .hasMessageContaining("broken-step")
        .hasMessageContaining("cleanup")
        .hasMessageNotContaining("## echo never\nnever");
  }

  @Test
  void gitlabCachesLiveInTheProjectDirAndFollowRules() throws IOException {
    Path ci =
        Files.writeString(
            dir.resolve(".gitlab-ci.yml"),
            """
            variables:
              THING_DIR: $CI_PROJECT_DIR/.thing
              POLICY: pull
            build:
              rules:
                - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
                  variables:
                    POLICY: pull-push
                - when: on_success
              cache:
                key:
                  files: [input.txt]
                  prefix: thing
                paths: [.thing]
                policy: $POLICY
              script:
                - mkdir -p "$THING_DIR" && date +%s >> "$THING_DIR/log"
                - wc -l < "$THING_DIR/log"
            outside:
              cache:
                key: x
                paths: [../elsewhere]
              script: [echo hi]
            """);
    Path checkout = Files.createDirectories(dir.resolve("src"));
    Files.writeString(checkout.resolve("input.txt"), "x");
    SimulatedRunner runner = new SimulatedRunner(dir.resolve("runner"));
    SimulatedRunner.Job a = runner.job("a", checkout, dir.resolve("builds/0/p"), Duration.ZERO);
    assertThat(new SimulatedGitlab(a, "main", "push", Map.of()).run(ci, "build")).isTrue();
    SimulatedRunner.Job b =
        runner.job("b", checkout, dir.resolve("builds/1/p"), Duration.ofDays(1));
    new SimulatedGitlab(b, "feature", "merge_request_event", Map.of()).run(ci, "build");
    assertThat(Files.readAllLines(b.workspace().resolve(".thing/log"))).hasSize(2);
    assertThat(runner.cacheKeys()).hasSize(1).allMatch(k -> k.startsWith("thing-"));

    SimulatedRunner.Job c = runner.job("c", checkout, dir.resolve("builds/2/p"), Duration.ZERO);
    assertThatThrownBy(() -> new SimulatedGitlab(c, "main", "push", Map.of()).run(ci, "outside"))
        .hasMessageContaining("outside the project directory");
  }
}
