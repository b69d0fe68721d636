package dev.gocachectl.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.Linters;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every file {@code gocachectl ci} prints passes the linters its CI's users rely on: actionlint
 * (with shellcheck on every run: script) and the github-workflows schema, the gitlab-ci and
 * buildkite schemas with shellcheck on their scripts, hadolint (which runs shellcheck on RUN) for
 * the Dockerfile; both variants, for one module and for a go.work monorepo.
 */
class CiLintTest {
  @TempDir Path tmp;

  static final List<String> PROG =
      List.of(
          "--remote",
          "redis://cache.internal:6379",
          "--remote",
          "s3://go-cache/ci?endpoint=https://minio.internal:9000&path-style=true",
          "--serve",
          "http://serve.internal:8080");

  Path single() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("single"));
    Files.writeString(d.resolve("go.mod"), "module example.com/single\n\ngo 1.24\n");
    Files.writeString(d.resolve("go.sum"), "");
    return d;
  }

  Path monorepo() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("mono"));
    Files.writeString(d.resolve("go.work"), "go 1.25\n\nuse (\n\t./api\n\t./tools // linters\n)\n");
    Files.createDirectories(d.resolve("api"));
    Files.createDirectories(d.resolve("tools"));
    Files.writeString(d.resolve("api/go.mod"), "module example.com/api\n\ngo 1.24\n");
    Files.writeString(
        d.resolve("tools/go.mod"), "module \"example.com/tools\"\n\ngo 1.25\ntoolchain go1.26.1\n");
    return d;
  }

  Path generate(String ci, Path repo, List<String> flags, String file) throws IOException {
    List<String> args = new ArrayList<>(List.of("ci", ci));
    args.addAll(flags);
    args.add(repo.toString());
    Cli.Run r = Cli.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
    Path out =
        tmp.resolve("out-" + ci + "-" + flags.size() + "-" + repo.getFileName()).resolve(file);
    Files.createDirectories(out.getParent());
    Files.writeString(out, r.out());
    return out;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void github(boolean prog) throws IOException {
    for (Path repo : List.of(single(), monorepo())) {
      Path wf = generate("github", repo, prog ? PROG : List.of(), ".github/workflows/go.yml");
      Linters.actionlint(wf);
      Linters.schema(Linters.Schema.GITHUB_WORKFLOWS, wf);
      String text = Files.readString(wf);
      assertThat(text).contains("cache: false").contains("GOTOOLCHAIN: \"local\"");
      assertThat(text.contains("actions/cache/save")).isTrue();
      assertThat(text.contains("--unused-since")).isEqualTo(!prog);
      assertThat(text.contains("secrets.AWS_ACCESS_KEY_ID")).isEqualTo(prog);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void gitlab(boolean prog) throws IOException {
    for (Path repo : List.of(single(), monorepo())) {
      Path ci = generate("gitlab", repo, prog ? PROG : List.of(), ".gitlab-ci.yml");
      Linters.schema(Linters.Schema.GITLAB_CI, ci);
      Map<String, Object> job = job(ci, "go");
      List<String> lines = new ArrayList<>();
      lines.addAll(strings(job.get("before_script")));
      lines.addAll(strings(job.get("script")));
      Linters.shellcheck("bash", String.join("\n", lines) + "\n");
      if (job.containsKey("after_script")) {
        Linters.shellcheck("bash", String.join("\n", strings(job.get("after_script"))) + "\n");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void buildkite(boolean prog) throws IOException {
    for (Path repo : List.of(single(), monorepo())) {
      Path p = generate("buildkite", repo, prog ? PROG : List.of(), ".buildkite/pipeline.yml");
      Linters.schema(Linters.Schema.BUILDKITE, p);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> steps = (List<Map<String, Object>>) load(p).get("steps");
      // the agent turns $$ into $ when the pipeline is uploaded
      Linters.shellcheck("bash", steps.getFirst().get("command").toString().replace("$$", "$"));
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void docker(boolean prog) throws IOException {
    for (Path repo : List.of(single(), monorepo())) {
      Linters.hadolint(generate("docker", repo, prog ? PROG : List.of(), "Dockerfile"));
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> job(Path file, String name) throws IOException {
    return (Map<String, Object>) load(file).get(name);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> load(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file)) {
      return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
    }
  }

  static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(x -> out.add(x.toString()));
    }
    return out;
  }
}
