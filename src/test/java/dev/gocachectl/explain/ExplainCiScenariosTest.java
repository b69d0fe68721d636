package dev.gocachectl.explain;

import static dev.gocachectl.explain.ScenarioModule.capture;
import static dev.gocachectl.explain.ScenarioModule.explain;
import static dev.gocachectl.explain.ScenarioModule.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI situations where one setting brings several changed lines with it (a target's defaults, what
 * CGO_ENABLED selects, the files a flag selects): each must be one root cause, in the category of
 * the setting, with its remedy, and nothing left in {@code other}. Each expectation was first
 * checked on the raw {@code GODEBUG=gocachehash=1} lines of the same two go commands.
 *
 * <p>Besides the scenario module: {@code n} has a file importing "C" and a {@code //go:build !cgo}
 * fallback, {@code cmd/nat} uses it, {@code cmd/min} imports nothing (it links only the runtime).
 */
@Tag("slow")
class ExplainCiScenariosTest {
  static final String P = ScenarioModule.PATH;

  @TempDir static Path work;
  static GoTool go;
  static Path module;

  @BeforeAll
  static void setUp() throws IOException {
    go = ScenarioModule.go(work);
    module = withExtras(ScenarioModule.write(work.resolve("m")));
  }

  static Path withExtras(Path m) throws IOException {
    Files.createDirectories(m.resolve("n"));
    Files.writeString(
        m.resolve("n/native_cgo.go"),
        "package n\n\n// static int one(void) { return 1; }\nimport \"C\"\n\n"
            + "// N is one, from C.\nfunc N() int { return int(C.one()) }\n");
    Files.writeString(
        m.resolve("n/native_nocgo.go"),
        "//go:build !cgo\n\npackage n\n\n// N is one.\nfunc N() int { return 1 }\n");
    Files.createDirectories(m.resolve("cmd/nat"));
    Files.writeString(
        m.resolve("cmd/nat/main.go"),
        "package main\n\nimport \"" + P + "/n\"\n\nfunc main() { println(n.N()) }\n");
    Files.createDirectories(m.resolve("cmd/min"));
    Files.writeString(m.resolve("cmd/min/main.go"), "package main\n\nfunc main() {}\n");
    return m;
  }

  /** The only group, failing with all groups shown if there is not exactly one. */
  static CauseGroup single(Explanation e) {
    if (e.groups().size() != 1) {
      throw new AssertionError("expected one root cause, found " + e.groups());
    }
    return e.groups().getFirst();
  }

  @Test
  void goexperimentIsOneTargetCauseNotAToolchain() {
    Explanation e =
        explain(
            go,
            module,
            Map.of(),
            module,
            Map.of("GOEXPERIMENT", "jsonv2"),
            "build",
            "./a",
            "./b",
            "./cmd/min");
    CauseGroup g = single(e);
    assertThat(g.cause().category()).isEqualTo(Category.TARGET);
    assertThat(g.cause().headline()).isEqualTo("GOEXPERIMENT only in B (`jsonv2`)");
    assertThat(names(g.roots()))
        .contains("compile " + P + "/a", "compile runtime", "link " + P + "/cmd/min");
  }

  @Test
  void cgoEnabledIsOneCauseWithWhatItBringsIn() {
    Explanation e =
        explain(
            go,
            module,
            Map.of("CGO_ENABLED", "0"),
            module,
            Map.of("CGO_ENABLED", "1"),
            "build",
            "./cmd/nat");
    CauseGroup g = single(e);
    assertThat(g.cause().category()).isEqualTo(Category.CGO);
    assertThat(g.cause().headline()).isEqualTo("CGO_ENABLED differs (`0` vs `1`)");
    assertThat(g.cause().remedy()).contains("CGO_ENABLED").contains("C compiler");
    assertThat(names(g.roots())).contains("compile " + P + "/n", "compile " + P + "/cmd/nat");
    assertThat(names(g.downstream())).contains("link " + P + "/cmd/nat");
    assertThat(e.onlyInB()).extracting(ActionKey::toString).contains("compile runtime/cgo");

    Explanation noMain =
        explain(
            go,
            module,
            Map.of("CGO_ENABLED", "0"),
            module,
            Map.of("CGO_ENABLED", "1"),
            "build",
            "./n");
    assertThat(single(noMain).cause().headline())
        .as("import \"C\" selects native_cgo.go, not a file name suffix")
        .isEqualTo("CGO_ENABLED differs (`0` vs `1`)");
  }

  @Test
  void darwinDefaultsArePartOfTheTarget() {
    Explanation e =
        explain(
            go,
            module,
            Map.of("GOOS", "linux"),
            module,
            Map.of("GOOS", "darwin"),
            "build",
            "./cmd/min");
    CauseGroup g = single(e);
    assertThat(g.cause().headline()).isEqualTo("GOOS differs (`linux` vs `darwin`)");
    assertThat(g.cause().category()).isEqualTo(Category.TARGET);
    assertThat(g.cause().remedy()).contains("pie");
    assertThat(names(g.roots())).contains("compile runtime", "link " + P + "/cmd/min");
  }

  @Test
  void aGoarchChangeFoldsItsFilesLevelsAndCgo() {
    Explanation e =
        explain(
            go,
            module,
            Map.of(),
            module,
            // What a cross build gets by default without a C cross compiler (the test
            // environment sets CGO_ENABLED=1).
            Map.of("GOARCH", "arm64", "CGO_ENABLED", "0"),
            "build",
            "./cmd/nat");
    CauseGroup g = single(e);
    assertThat(g.cause().headline()).isEqualTo("GOARCH differs (`amd64` vs `arm64`)");
    assertThat(names(g.roots())).contains("compile " + P + "/n", "compile runtime");
  }

  @Test
  void raceSelectsFilesUnderItsOwnCause() {
    Explanation race =
        explain(go, module, Map.of(), module, Map.of("GOFLAGS", "-race"), "build", "./cmd/min");
    CauseGroup g = single(race);
    assertThat(g.cause().category()).isEqualTo(Category.FLAGS);
    assertThat(g.cause().headline()).isEqualTo("-race differs (`off` vs `on`)");
    assertThat(names(g.roots()))
        .contains("compile internal/race", "compile runtime", "link " + P + "/cmd/min");
  }

  @Test
  void ldflagsGcflagsAndTrimpathAreOneCauseEach() {
    CauseGroup ld = withGoflags("-ldflags=-X=main.v=1", "./cmd/min");
    assertThat(ld.cause().headline()).isEqualTo("-ldflags only in B (`-X=main.v=1`)");
    assertThat(names(ld.roots()))
        .containsExactly("compile " + P + "/cmd/min", "link " + P + "/cmd/min");

    CauseGroup gc = withGoflags("-gcflags=-N", "./cmd/min");
    assertThat(gc.cause().headline()).isEqualTo("-gcflags only in B (`-N`)");

    CauseGroup trim = withGoflags("-trimpath", "./cmd/nat");
    assertThat(trim.cause().headline()).isEqualTo("-trimpath differs (`off` vs `on`)");
    assertThat(names(trim.roots()))
        .contains("compile " + P + "/n", "compile " + P + "/cmd/nat", "link " + P + "/cmd/nat");
  }

  /** The only cause when B builds {@code pkg} with {@code GOFLAGS=goflags}. */
  private static CauseGroup withGoflags(String goflags, String pkg) {
    return single(explain(go, module, Map.of(), module, Map.of("GOFLAGS", goflags), "build", pkg));
  }

  /**
   * In workspace mode go.work's go line sets the default GODEBUG: the main package stamps it (or
   * omits it when empty) and the link hashes it, which must read as one cause naming go.work.
   */
  @Test
  void goWorkGoLineIsOneCauseNamingGoWork() throws IOException {
    Path m = withExtras(ScenarioModule.write(work.resolve("work")));
    Manifest plain = capture(go, m, Map.of("GOWORK", "off"), "build", "./cmd/min");
    Files.writeString(m.resolve("go.work"), "go 1.26\n\nuse .\n");
    Manifest workspace = capture(go, m, Map.of(), "build", "./cmd/min");
    CauseGroup g = single(Explainer.explain(plain, workspace));
    assertThat(g.cause().subject()).isEqualTo("DefaultGODEBUG");
    assertThat(g.cause().remedy()).contains("go.work");
    assertThat(names(g.roots()))
        .containsExactly("compile " + P + "/cmd/min", "link " + P + "/cmd/min");
  }

  /**
   * A header reached through {@code CGO_CFLAGS=-I} outside the package directory changes: the keys
   * are equal (a wrong hit), and explain says why.
   */
  @Test
  void aChangedHeaderOutsideThePackageIsAWrongHitAndSaidSo() throws IOException {
    Path m = ScenarioModule.write(work.resolve("headers"));
    Path inc = Files.createDirectories(work.resolve("include"));
    Files.writeString(inc.resolve("k.h"), "#define K 1\n");
    Files.createDirectories(m.resolve("h"));
    Files.writeString(
        m.resolve("h/h.go"),
        "package h\n\n// #include \"k.h\"\n// static int k(void) { return K; }\nimport \"C\"\n\n"
            + "// H is K.\nfunc H() int { return int(C.k()) }\n");
    Map<String, String> env = Map.of("CGO_CFLAGS", "-I" + inc);
    Manifest before = capture(go, m, env, "build", "./h");
    Files.writeString(inc.resolve("k.h"), "#define K 2\n");
    Manifest after = capture(go, m, env, "build", "./h");
    Explanation e = Explainer.explain(before, after);
    assertThat(e.differs()).isFalse();
    assertThat(e.notes())
        .anySatisfy(
            n ->
                assertThat(n)
                    .contains("compile " + P + "/h")
                    .contains("-I" + inc)
                    .contains("not hashed"));
  }
}
