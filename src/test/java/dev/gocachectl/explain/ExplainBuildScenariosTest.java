package dev.gocachectl.explain;

import static dev.gocachectl.explain.ScenarioModule.explain;
import static dev.gocachectl.explain.ScenarioModule.names;
import static dev.gocachectl.explain.ScenarioModule.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.EntryRead;
import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.hits.HitCounter;
import dev.gocachectl.hits.HitReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each scenario builds the scenario module twice with the real toolchain, in one cache, and checks
 * the category, the packages and the downstream count explain reports.
 */
@Tag("slow") // not in the quick run (./test.sh --quick)
class ExplainBuildScenariosTest {
  static final String P = ScenarioModule.PATH;
  static final String FLAGS = "-buildvcs=false";

  @TempDir static Path work;
  static GoTool go;
  static Path module;

  @BeforeAll
  static void setUp() {
    go = ScenarioModule.go(work);
    module = ScenarioModule.write(work.resolve("m"));
  }

  @Test
  void identicalRunsNameNoCause() {
    Explanation e = explain(go, module, Map.of(), module, Map.of(), "build", "./...");
    assertThat(e.differs()).isFalse();
    assertThat(e.groups()).isEmpty();
    assertThat(e.causes()).isEmpty();
    assertThat(e.totals().compared()).isGreaterThan(20);
    assertThat(e.totals().equal()).isEqualTo(e.totals().compared());
  }

  @Test
  void differentCgoFlags() {
    Explanation e =
        explain(
            go,
            module,
            Map.of("CGO_CFLAGS", "-I/usr/local/include"),
            module,
            Map.of("CGO_CFLAGS", "-I/usr/include"),
            "build",
            "./cmd/app");
    CauseGroup g = only(e, Category.CGO);
    assertThat(g.cause().subject()).isEqualTo("CGO_CFLAGS");
    assertThat(g.cause().headline())
        .isEqualTo("CGO_CFLAGS differs (`-I/usr/local/include` vs `-I/usr/include`)");
    assertThat(names(g.roots()))
        .containsExactlyInAnyOrder(
            "compile runtime/cgo", "compile " + P + "/c", "compile " + P + "/cmd/app");
    assertThat(names(g.downstream())).containsExactly("link " + P + "/cmd/app");
    assertThat(e.groups()).hasSize(1);
  }

  @Test
  void sameModuleInTwoDirectoriesWithoutTrimpath() {
    Path copy = ScenarioModule.write(work.resolve("copy/m"));
    Explanation e = explain(go, module, Map.of(), copy, Map.of(), "build", "./...");
    CauseGroup g = only(e, Category.PATH);
    assertThat(g.cause().a()).isEqualTo(work.toString());
    assertThat(g.cause().b()).isEqualTo(work.resolve("copy").toString());
    assertThat(g.packages()).isEqualTo(8);
    assertThat(names(g.downstream())).containsExactly("link " + P + "/cmd/app");
    assertThat(e.groups()).hasSize(1);

    Explanation trimmed =
        explain(go, module, Map.of(), copy, Map.of(), "build", "-trimpath", "./...");
    assertThat(trimmed.differs()).isFalse();
    assertThat(trimmed.groups()).isEmpty();
  }

  /**
   * {@code -tags=foo} selects a_foo.go in a, which records no flags, and is stamped into the main
   * package: one cause, with a among its roots.
   */
  @Test
  void tags() {
    Explanation e =
        explain(
            go,
            module,
            Map.of(),
            module,
            Map.of("GOFLAGS", FLAGS + " -tags=foo"),
            "build",
            "./cmd/app");
    CauseGroup g = only(e, Category.FLAGS);
    assertThat(g.cause().headline()).isEqualTo("-tags only in B (`foo`)");
    assertThat(names(g.roots()))
        .containsExactlyInAnyOrder("compile " + P + "/a", "compile " + P + "/cmd/app");
    assertThat(g.members()).anySatisfy(m -> assertThat(m.lineB()).startsWith("file a_foo.go "));
    assertThat(names(g.downstream()))
        .containsExactly("compile " + P + "/b", "link " + P + "/cmd/app");
    assertThat(e.groups()).hasSize(1);
  }

  @Test
  void goamd64Levels() {
    Explanation e =
        explain(
            go,
            module,
            Map.of("GOAMD64", "v1"),
            module,
            Map.of("GOAMD64", "v3"),
            "build",
            "./a",
            "./b");
    CauseGroup g = only(e, Category.TARGET);
    assertThat(g.cause().headline()).isEqualTo("GOAMD64 differs (`v1` vs `v3`)");
    assertThat(names(g.roots())).containsExactly("compile " + P + "/a", "compile " + P + "/b");
    assertThat(g.downstream()).isEmpty();
    assertThat(e.groups()).hasSize(1);
  }

  /**
   * A different toolchain line, with the one Go installed here: go obtains each tool's ID by
   * running {@code tool -V=full} through {@code -toolexec}, so a wrapper that reports another
   * version line (as instrumenting wrappers do) is a real toolchain difference to go. A different
   * Go release, which also changes the salt of every ID, is covered by {@code ExplainerUnitTest} on
   * hand-written captures only: no second Go can be installed here.
   */
  @Test
  void compileToolIdThroughToolexec() throws IOException {
    Path changes = wrapper("changes.sh", "| sed 's/$/ +instrumented/'");
    Path passes = wrapper("passes.sh", "");
    Explanation e =
        explain(
            go,
            module,
            Map.of(),
            module,
            Map.of("GOFLAGS", FLAGS + " -toolexec=" + changes),
            "build",
            "./a",
            "./b");
    CauseGroup g = only(e, Category.TOOLCHAIN);
    assertThat(g.cause().subject()).isEqualTo("compile tool ID");
    assertThat(g.cause().b()).endsWith("+instrumented").startsWith(g.cause().a());
    assertThat(names(g.roots())).containsExactly("compile " + P + "/a", "compile " + P + "/b");
    assertThat(e.groups()).hasSize(1);

    Explanation same =
        explain(
            go,
            module,
            Map.of(),
            module,
            Map.of("GOFLAGS", FLAGS + " -toolexec=" + passes),
            "build",
            "./a",
            "./b");
    assertThat(same.groups()).as("-toolexec itself is not hashed").isEmpty();
  }

  /** A -toolexec wrapper that runs the tool, piping compile's -V=full through {@code filter}. */
  private static Path wrapper(String name, String filter) throws IOException {
    Path w = work.resolve(name);
    Files.writeString(
        w,
        "#!/bin/sh\ntool=\"$1\"; shift\n"
            + "if [ \"${tool##*/}\" = compile ] && [ \"$1\" = -V=full ]; then \"$tool\" -V=full "
            + filter
            + "; exit; fi\nexec \"$tool\" \"$@\"\n");
    Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxr-xr-x"));
    return w;
  }

  @Test
  void linuxAndWindowsLiveSideBySide() throws IOException {
    Manifest linux =
        ScenarioModule.capture(go, module, Map.of("GOOS", "linux"), "build", "./a", "./b");
    Manifest windows =
        ScenarioModule.capture(go, module, Map.of("GOOS", "windows"), "build", "./a", "./b");
    Explanation e = Explainer.explain(linux, windows);
    CauseGroup g = only(e, Category.TARGET);
    assertThat(g.cause().headline()).isEqualTo("GOOS differs (`linux` vs `windows`)");
    assertThat(names(g.roots())).containsExactly("compile " + P + "/a", "compile " + P + "/b");
    assertThat(e.groups()).as("a_windows.go follows from GOOS, not a cause of its own").hasSize(1);

    CacheDir cache = CacheDir.open(Path.of(go.environment().get("GOCACHE")));
    for (Manifest m : List.of(linux, windows)) {
      for (CapturedAction a : m.actions()) {
        assertThat(cache.readAction(a.id())).isInstanceOf(EntryRead.Valid.class);
      }
    }
    for (String goos : List.of("linux", "windows", "linux")) {
      HitReport r =
          HitCounter.run(
              go.withEnv(Map.of("GOOS", goos)), module, List.of("build", "./a", "./b"), l -> {});
      assertThat(r.modes().get("compile").ran()).as(goos + " rebuilt nothing").isZero();
      assertThat(r.modes().get("compile").cached()).isEqualTo(2);
    }
  }
}
