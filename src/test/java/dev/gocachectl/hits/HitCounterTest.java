package dev.gocachectl.hits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counting from an action graph and go test's result lines, without running go. */
class HitCounterTest {
  static ActionGraph.Action a(String mode, String pkg, String id, boolean ran, boolean failed) {
    return new ActionGraph.Action(0, mode, pkg, id, ran, failed);
  }

  @Test
  void countsEachModeExactly() throws IOException {
    List<ActionGraph.Action> graph =
        List.of(
            a("build", "x/a", "AAAA", false, false),
            a("build", "x/b", "BBBB", true, false),
            a("build", "x/c", "CCCC", true, true),
            a("build", "x/d", null, false, false),
            a("build check cache", "x/a", null, false, false),
            a("link", "x/cmd", "LLLL", true, false),
            a("vet", "x/a", null, false, false),
            a("vet", "x/b", null, true, false),
            a("test run", "x/a", null, false, false));
    List<String> stdout =
        List.of(
            "ok  \tx/a\t(cached)",
            "ok  \tx/b\t0.012s",
            "--- FAIL: TestX (0.00s)",
            "FAIL\tx/c\t0.003s",
            "?   \tx/d\t[no test files]",
            "FAIL\tx/e [build failed]",
            "{\"Action\":\"output\",\"Package\":\"x/f\",\"Output\":\"ok  \\tx/f\\t(cached)\\n\"}",
            "{\"Action\":\"pass\",\"Package\":\"x/f\"}",
            "{not json");
    HitReport r = HitCounter.count(List.of("test", "./..."), 1, graph, stdout);
    assertThat(r.modes().keySet()).containsExactly("compile", "link", "vet", "test");
    assertThat(r.modes().get("compile"))
        .isEqualTo(new HitReport.ModeCount("compile", 1, 2, 1, 1, List.of("x/b", "x/c")));
    assertThat(r.modes().get("link").ran()).isEqualTo(1);
    assertThat(r.modes().get("vet"))
        .isEqualTo(new HitReport.ModeCount("vet", 1, 1, 0, 0, List.of("x/b")));
    assertThat(r.modes().get("test"))
        .isEqualTo(new HitReport.ModeCount("test", 2, 2, 2, 0, List.of("x/b", "x/c")));
    assertThat(r.modes().get("test").hitRate()).isEqualTo(0.5);
  }
}
