package dev.gocachectl.explain;

import static dev.gocachectl.explain.ScenarioModule.capture;
import static dev.gocachectl.explain.ScenarioModule.names;
import static dev.gocachectl.explain.ScenarioModule.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios where the tree changes between two captures: a source file, an embedded file, a commit.
 */
class ExplainSourceScenariosTest {
  static final String P = ScenarioModule.PATH;

  @TempDir static Path work;
  static GoTool go;

  @BeforeAll
  static void setUp() {
    go = ScenarioModule.go(work);
  }

  @Test
  void changedSourceFile() throws IOException {
    Path m = ScenarioModule.write(work.resolve("source"));
    Manifest before = capture(go, m, Map.of(), "build", "./cmd/app");
    Files.writeString(
        m.resolve("a/a.go"), "package a\n\n// A is ten.\nfunc A() int { return 10 }\n");
    Manifest after = capture(go, m, Map.of(), "build", "./cmd/app");
    Explanation e = Explainer.explain(before, after);
    CauseGroup g = only(e, Category.SOURCE);
    assertThat(g.cause().subject()).isEqualTo(P + "/a/a.go");
    assertThat(names(g.roots())).containsExactly("compile " + P + "/a");
    // A's body is inlinable, so it is in a's export data: b's and the main package's outputs
    // change too.
    assertThat(names(g.downstream()))
        .containsExactlyInAnyOrder(
            "compile " + P + "/b", "compile " + P + "/cmd/app", "link " + P + "/cmd/app");
    assertThat(e.groups()).hasSize(1);
  }

  /**
   * A package starts importing {@code os}, which another package already imports: os is the same
   * action with the same output on both sides, and only a gains the line {@code import os <id>}.
   * That is a's own source changing, never os's output.
   */
  @Test
  void aNewImportOfAnUnchangedPackageIsTheImportersSource() throws IOException {
    Path m = ScenarioModule.write(work.resolve("import"));
    Files.createDirectories(m.resolve("o"));
    Files.writeString(
        m.resolve("o/o.go"),
        "package o\n\nimport \"os\"\n\n// O counts the arguments.\nfunc O() int { return"
            + " len(os.Args) }\n");
    Manifest before = capture(go, m, Map.of(), "build", "./a", "./o");
    Files.writeString(
        m.resolve("a/a.go"),
        "package a\n\nimport \"os\"\n\n// A is the argument count.\nfunc A() int { return"
            + " len(os.Args) }\n");
    Manifest after = capture(go, m, Map.of(), "build", "./a", "./o");
    Explanation e = Explainer.explain(before, after);
    CauseGroup g = only(e, Category.SOURCE);
    assertThat(g.cause().subject()).isEqualTo(P + "/a/a.go");
    assertThat(names(g.roots())).containsExactly("compile " + P + "/a");
    assertThat(e.groups()).as("os did not change: no other cause").hasSize(1);
  }

  @Test
  void aNewGoLineInGoModIsOneCauseWithItsOwnRemedy() throws IOException {
    Path m = ScenarioModule.write(work.resolve("goline"));
    Manifest before = capture(go, m, Map.of(), "build", "./cmd/app");
    Files.writeString(
        m.resolve("go.mod"),
        Files.readString(m.resolve("go.mod")).replace("go 1.24\n", "go 1.25\n"));
    Manifest after = capture(go, m, Map.of(), "build", "./cmd/app");
    Explanation e = Explainer.explain(before, after);
    assertThat(e.groups())
        .as("the go line and the default GODEBUG it sets are one cause: %s", e.groups())
        .hasSize(1);
    CauseGroup g = e.groups().getFirst();
    assertThat(g.cause().subject()).isEqualTo(Setting.GO_LINE);
    assertThat(g.cause().a()).isEqualTo("1.24");
    assertThat(g.cause().b()).isEqualTo("1.25");
    assertThat(g.cause().remedy()).contains("go line").doesNotContain("-buildvcs");
  }

  @Test
  void changedEmbeddedFile() throws IOException {
    Path m = ScenarioModule.write(work.resolve("embed"));
    Manifest before = capture(go, m, Map.of(), "build", "./cmd/app");
    Files.writeString(m.resolve("e/data.txt"), "hello, world\n");
    Manifest after = capture(go, m, Map.of(), "build", "./cmd/app");
    Explanation e = Explainer.explain(before, after);
    CauseGroup g = only(e, Category.EMBED);
    assertThat(g.cause().subject()).isEqualTo(P + "/e/data.txt");
    assertThat(names(g.roots())).containsExactly("compile " + P + "/e");
    // f recompiles, but its output does not change (e's exported API is the same), so its content
    // ID stops the cascade: the main package is not recompiled, only relinked with e's new data.
    assertThat(names(g.downstream()))
        .containsExactlyInAnyOrder("compile " + P + "/f", "link " + P + "/cmd/app");
    assertThat(e.groups()).hasSize(1);
  }

  @Test
  void vcsStampingAfterACommit() throws IOException, InterruptedException {
    Path m = ScenarioModule.write(work.resolve("repo"));
    git(m, "init", "-q");
    git(m, "add", "-A");
    commit(m, "2026-01-01T00:00:00Z");
    Map<String, String> stamping = Map.of("GOFLAGS", "-buildvcs=true");
    Manifest before = capture(go, m, stamping, "build", "./cmd/app");
    Files.writeString(m.resolve("README"), "not Go\n");
    git(m, "add", "-A");
    commit(m, "2026-01-02T00:00:00Z");
    Manifest after = capture(go, m, stamping, "build", "./cmd/app");
    Explanation e = Explainer.explain(before, after);
    CauseGroup g = only(e, Category.MODINFO);
    assertThat(g.cause().subject()).isEqualTo("VCS stamping");
    assertThat(g.cause().a()).contains("vcs.revision=").contains("vcs.time=2026-01-01T00:00:00Z");
    assertThat(g.cause().b()).contains("vcs.time=2026-01-02T00:00:00Z");
    assertThat(names(g.roots())).containsExactly("compile " + P + "/cmd/app");
    assertThat(names(g.downstream())).containsExactly("link " + P + "/cmd/app");
    assertThat(e.groups()).hasSize(1);
    assertThat(g.cause().remedy()).contains("-buildvcs=false");
  }

  private static void commit(Path dir, String date) throws IOException, InterruptedException {
    git(
        dir,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-q",
        "-m",
        date,
        "--date",
        date);
  }

  private static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("GIT_COMMITTER_DATE", args[args.length - 1]);
    pb.environment().put("HOME", work.resolve("home").toString());
    Process p = pb.start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new AssertionError("git " + String.join(" ", args) + ": " + out);
    }
  }
}
