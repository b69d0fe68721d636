package dev.gocachectl.explain;

import static dev.gocachectl.explain.ScenarioModule.capture;
import static dev.gocachectl.explain.ScenarioModule.names;
import static dev.gocachectl.explain.ScenarioModule.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.hits.ActionGraph;
import dev.gocachectl.hits.HitCounter;
import dev.gocachectl.hits.HitReport;
import dev.gocachectl.testing.GoEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test-result misses: variables and files the test read, uncacheable flags, the capture itself. */
class ExplainTestCacheTest {
  static final String T = ScenarioModule.PATH + "/t";

  @TempDir static Path work;
  static GoTool go;
  static Path module;

  @BeforeAll
  static void setUp() {
    go = ScenarioModule.go(work);
    module = ScenarioModule.write(work.resolve("m"));
  }

  @Test
  void aVariableTheTestReads() {
    Explanation e =
        ScenarioModule.explain(
            go, module, Map.of(), module, Map.of("SCN_VAR", "on"), "test", "./t");
    CauseGroup g = only(e, Category.TESTENV);
    assertThat(g.cause().subject()).isEqualTo("SCN_VAR");
    assertThat(g.cause().a()).isEqualTo("unset");
    assertThat(g.cause().b()).startsWith("set, value hash ").doesNotContain("on");
    assertThat(names(g.roots())).containsExactly("test " + T);
    assertThat(g.downstream()).isEmpty();
    assertThat(e.groups()).hasSize(1);
  }

  @Test
  void aTestDataFileWhoseMtimeChanged() throws IOException {
    Path data = module.resolve("t/testdata/in.txt");
    Manifest before = capture(go, module, Map.of(), "test", "./t");
    Files.setLastModifiedTime(data, FileTime.fromMillis(1_700_000_100_000L));
    Manifest after = capture(go, module, Map.of(), "test", "./t");
    Files.setLastModifiedTime(data, FileTime.fromMillis(1_700_000_000_000L));
    Explanation e = Explainer.explain(before, after);
    CauseGroup g = only(e, Category.TESTFILE);
    assertThat(g.cause().subject()).isEqualTo(data.toString());
    assertThat(g.cause().a()).isEqualTo("mtime 2023-11-14 22:13:20 +0000 UTC");
    assertThat(g.cause().b()).isEqualTo("mtime 2023-11-14 22:15:00 +0000 UTC");
    assertThat(names(g.roots())).containsExactly("test " + T);
    assertThat(e.groups()).hasSize(1);
  }

  @Test
  void uncacheableFlagsAreNamed() {
    Manifest m = capture(go, module, Map.of(), "test", "-count=1", "./t");
    assertThat(m.notes())
        .anyMatch(
            n ->
                n.startsWith(
                    "test results not cached: caching disabled for test argument: -test.count=1"));
    assertThat(m.actions()).noneMatch(a -> a.key().mode().equals("test"));
  }

  @Test
  void theCaptureChangesTestKeysButNotBuildKeys() throws IOException {
    Path fresh = ScenarioModule.write(work.resolve("observer")); // no capture has run its test
    GoEnv.ok(go, fresh, "test", "./t");
    assertThat(testsCached(fresh)).as("a plain run hits the plain run's result").isEqualTo(1);

    List<String> output = new ArrayList<>();
    Capture.Result r = Capture.run(go, fresh, List.of("test", "./t"), output::add);
    assertThat(output).anyMatch(l -> l.startsWith("ok  \t" + T) && !l.contains("(cached)"));
    assertThat(r.manifest().notes()).anyMatch(n -> n.contains("test-result input since Go 1.23"));
    assertThat(testsCached(fresh)).as("the capture did not replace the plain result").isEqualTo(1);

    Path graph = work.resolve("graph.json");
    GoEnv.ok(go, fresh, "test", "-p=1", "-debug-actiongraph=" + graph, "./t");
    Set<String> plain =
        ActionGraph.read(graph).stream()
            .filter(a -> a.mode().equals("build") && a.actionId() != null)
            .map(ActionGraph.Action::actionId)
            .collect(Collectors.toSet());
    Set<String> captured =
        r.manifest().actions().stream()
            .filter(a -> a.key().mode().equals("build"))
            .map(a -> a.id().buildIdPart())
            .collect(Collectors.toSet());
    assertThat(captured).hasSizeGreaterThan(20).isEqualTo(plain);
  }

  private static int testsCached(Path dir) throws IOException {
    HitReport h = HitCounter.run(go, dir, List.of("test", "./t"), l -> {});
    return h.modes().get("test").cached();
  }
}
