package dev.gocachectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.testing.Linters;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code action.yml} as GitHub's users check it: the github-actions schema, actionlint on a
 * workflow that uses it (actionlint reads a local action's inputs), shellcheck on every {@code
 * run:} script, and no {@code ${{ }}} inside a script (inputs reach scripts through env, so a
 * crafted input cannot become shell code).
 */
class GithubActionLintTest {
  @TempDir Path tmp;

  static final Path ACTION = Path.of("action.yml");

  @Test
  void theActionPassesTheGithubActionsSchema() {
    Linters.schema(Linters.Schema.GITHUB_ACTIONS, ACTION);
  }

  @Test
  void aWorkflowUsingTheActionPassesActionlint() throws IOException {
    Files.createDirectories(tmp.resolve(".git")); // actionlint finds the repository's root by it
    Files.createDirectories(tmp.resolve(".gocachectl"));
    Files.copy(ACTION, tmp.resolve(".gocachectl/action.yml"));
    Path wf = Files.createDirectories(tmp.resolve(".github/workflows")).resolve("ci.yml");
    Files.writeString(
        wf,
        """
        name: ci
        on: [push, pull_request]
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-go@v5
                with:
                  go-version-file: go.mod
                  cache: false
              - uses: ./.gocachectl
                with:
                  remote: redis://cache.internal:6379
                  serve-url: http://serve.internal:9464
                  serve-token: ${{ secrets.GOCACHECTL_TOKEN }}
              - run: go build ./... && go test ./...
              - if: always()
                uses: ./.gocachectl
                with:
                  phase: end
                  remote: redis://cache.internal:6379
                  serve-url: http://serve.internal:9464
        """);
    Linters.actionlint(wf);
    // and actionlint does read the action: an input it does not declare is refused
    String text = Files.readString(wf);
    String phase =
        text.lines().filter(l -> l.strip().equals("phase: end")).findFirst().orElseThrow();
    String indent = phase.substring(0, phase.indexOf('p'));
    Files.writeString(wf, text.replace(phase, phase + "\n" + indent + "bogus: x"));
    assertThat(Linters.runActionlint(wf).output()).contains("input \"bogus\" is not defined");
  }

  @Test
  void everyRunScriptPassesShellcheckAndTakesNoExpression() throws IOException {
    List<Map<String, Object>> steps = steps();
    assertThat(steps).anyMatch(s -> s.containsKey("run"));
    for (Map<String, Object> step : steps) {
      if (step.containsKey("run")) {
        String script = (String) step.get("run");
        assertThat(step.get("shell")).as(step.get("name").toString()).isEqualTo("bash");
        assertThat(script).as(step.get("name").toString()).doesNotContain("${{");
        Linters.shellcheck("bash", script);
      }
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> steps() throws IOException {
    try (Reader r = Files.newBufferedReader(ACTION)) {
      Map<String, Object> action =
          (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
      return (List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps");
    }
  }
}
