package dev.gocachectl.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code gocachectl ci} reads from a repository, and bad input as exit 2 naming the thing. */
class CiCommandTest {
  @TempDir Path tmp;

  Path module(String dir, String goMod) throws IOException {
    Path d = Files.createDirectories(tmp.resolve(dir));
    Files.writeString(d.resolve("go.mod"), goMod);
    return d;
  }

  static void refused(Cli.Run r, String... words) {
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains(words);
  }

  @Test
  void monorepoModulesAndTheHighestGoVersion() throws IOException {
    module("repo", "module example.com/root\n\ngo 1.24\n");
    module("repo/svc/api", "module example.com/api // the API\n\ngo 1.25.3\n");
    module("repo/tools", "module example.com/tools\n\ngo 1.24\ntoolchain go1.26.1\n");
    module("repo/vendor/x", "module example.com/vendored\n\ngo 1.30\n"); // go ignores vendor/
    module("repo/.hidden", "module example.com/hidden\n\ngo 1.30\n");
    Cli.Run r = Cli.run("ci", "github", tmp.resolve("repo").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Modules: example.com/root, example.com/api (svc/api), example.com/tools (tools)")
        .contains("go-version-file: tools/go.mod")
        .contains("working-directory: svc/api")
        .doesNotContain("vendored")
        .doesNotContain("hidden");
    Cli.Run docker = Cli.run("ci", "docker", tmp.resolve("repo").toString());
    assertThat(docker.out()).contains("FROM golang:1.26.1 AS build");
  }

  @Test
  void goWorkListsTheModules() throws IOException {
    Path repo = module("w/a", "module example.com/a\n\ngo 1.24\n").getParent();
    module("w/b", "module example.com/b\n\ngo 1.25\n");
    module("w/unused", "module example.com/unused\n\ngo 1.24\n");
    Files.writeString(repo.resolve("go.work"), "go 1.25\n\nuse ./a\nuse (\n  ./b\n)\n");
    Cli.Run r = Cli.run("ci", "gitlab", repo.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("(cd a && go build ./... && go test ./...)")
        .contains("(cd b && go build ./... && go test ./...)")
        .contains("files: [go.work.sum, a/go.sum]")
        .doesNotContain("example.com/unused");
  }

  @Test
  void badInputIsExitTwoNamingIt() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    refused(Cli.run("ci", "github", empty.toString()), "no go.mod in", "give the directory");
    refused(Cli.run("ci", "github", tmp.resolve("missing").toString()), "missing");
    Path repo = module("ok", "module example.com/ok\n\ngo 1.24\n");
    String dir = repo.toString();
    refused(
        Cli.run("ci", "jenkins", dir), "unknown CI 'jenkins'", "github, gitlab, docker, buildkite");
    refused(
        Cli.run("ci", "github", "--remote", "ftp://cache:21", dir), "--remote", "ftp://cache:21");
    refused(
        Cli.run("ci", "github", "--remote", "redis://:hunter2@cache:6379", dir),
        "credentials in a URL",
        "GOCACHECTL_REDIS_PASSWORD");
    assertThat(Cli.run("ci", "github", "--remote", "redis://:hunter2@cache:6379", dir).err())
        .doesNotContain("hunter2");
    refused(
        Cli.run("ci", "gitlab", "--remote", "redis://cache:6379/$(reboot)", dir),
        "cannot carry unquoted");
    refused(Cli.run("ci", "github", "--serve", "http://serve:8080", dir), "--serve", "--remote");
    refused(
        Cli.run("ci", "github", "--remote", "redis://c:6379", "--serve", "serve:8080", dir),
        "--serve serve:8080");

    Path work = Files.createDirectories(tmp.resolve("work"));
    Files.writeString(work.resolve("go.work"), "go 1.25\nuse ../ok\n");
    refused(Cli.run("ci", "github", work.toString()), "outside the repository");
    module("odd/we ird", "module example.com/odd\n\ngo 1.24\n");
    refused(Cli.run("ci", "github", tmp.resolve("odd").toString()), "we ird", "rename it");
    module("badgo", "module example.com/x\n\ngo banana\n");
    refused(Cli.run("ci", "github", tmp.resolve("badgo").toString()), "'banana'");
  }
}
