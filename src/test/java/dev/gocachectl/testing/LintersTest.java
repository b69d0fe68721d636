package dev.gocachectl.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each linter the ci tests rely on refuses a known fault, so a passing check means something. */
class LintersTest {
  @TempDir Path dir;

  @Test
  void actionlintRunsShellcheckOnRunScripts() throws IOException {
    Path wf = dir.resolve("ci.yml");
    Files.writeString(
        wf,
        """
        name: t
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            steps:
              - run: echo "x=1" >> $GITHUB_ENV
        """);
    Linters.Run r = Linters.runActionlint(wf);
    assertThat(r.ok()).isFalse();
    assertThat(r.output()).contains("SC2086");
    Files.writeString(wf, Files.readString(wf).replace("$GITHUB_ENV", "\"$GITHUB_ENV\""));
    Linters.actionlint(wf);
  }

  @Test
  void schemasRefuseWhatTheirCiWouldRefuse() throws IOException {
    Path gitlab = dir.resolve(".gitlab-ci.yml");
    Files.writeString(
        gitlab, "build:\n  script: [go build ./...]\n  cache:\n    policy: sometimes\n");
    assertThat(Linters.runSchema(Linters.Schema.GITLAB_CI, gitlab).ok()).isFalse();
    Files.writeString(gitlab, "build:\n  script: [go build ./...]\n  cache:\n    policy: pull\n");
    Linters.schema(Linters.Schema.GITLAB_CI, gitlab);

    Path bk = dir.resolve("pipeline.yml");
    Files.writeString(bk, "steps:\n  - command: go build ./...\n    timeout_in_minutes: soon\n");
    assertThat(Linters.runSchema(Linters.Schema.BUILDKITE, bk).ok()).isFalse();

    Path action = dir.resolve("action.yml");
    Files.writeString(action, "name: a\nruns:\n  using: composite\n");
    assertThat(Linters.runSchema(Linters.Schema.GITHUB_ACTIONS, action).ok()).isFalse();
  }

  @Test
  void hadolintAndShellcheckRefuseTheirClassics() throws IOException {
    Path df = dir.resolve("Dockerfile");
    Files.writeString(df, "FROM golang:1.26\nRUN cd /src && go build ./...\n");
    Linters.Run r = Linters.runHadolint(df);
    assertThat(r.ok()).isFalse();
    assertThat(r.output()).contains("DL3003");

    Path sh = dir.resolve("s.sh");
    Files.writeString(sh, "#!/bin/sh\nrm -rf $DIR/cache\n");
    assertThat(Linters.runShellcheck(sh).output()).contains("SC2086");
    assertThatThrownBy(() -> Linters.shellcheck(sh)).hasMessageContaining("SC2086");
  }
}
