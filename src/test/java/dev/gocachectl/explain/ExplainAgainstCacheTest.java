package dev.gocachectl.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.ActionEntry;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.EntryRead;
import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --against-cache: what a build would miss, and why, without building. */
class ExplainAgainstCacheTest {
  static final String P = ScenarioModule.PATH;

  @TempDir Path work;

  @Test
  void missesByReasonWithAndWithoutABaseline() throws IOException {
    GoTool go = ScenarioModule.go(work);
    Path m = ScenarioModule.write(work.resolve("m"));
    CacheDir cache = CacheDir.open(Path.of(go.environment().get("GOCACHE")));
    List<String> build = List.of("build", "./cmd/app", "./c");
    Manifest baseline = ScenarioModule.capture(go, m, Map.of(), build.toArray(String[]::new));

    CacheReport clean = CacheCheck.check(go, m, build, cache, baseline, l -> {});
    assertThat(clean.misses()).isZero();

    Files.writeString(
        m.resolve("a/a.go"), "package a\n\n// A is ten.\nfunc A() int { return 10 }\n");
    Files.writeString(m.resolve("g.go"), "package scn\n");
    ActionEntry c = entryOf(baseline, cache, "c");
    Files.delete(cache.outputPath(c.output()));
    ActionEntry e = entryOf(baseline, cache, "e");
    Files.delete(cache.actionFile(e.id()));
    List<String> more = List.of("build", "./cmd/app", "./c", ".");

    CacheReport plain = CacheCheck.check(go, m, more, cache, null, l -> {});
    Map<String, CacheReport.Verdict> v = byPackage(plain);
    assertThat(v.get(P + "/a").kind()).isEqualTo(CacheReport.Kind.NOT_IN_CACHE);
    assertThat(v.get(P + "/e").kind()).isEqualTo(CacheReport.Kind.NOT_IN_CACHE);
    assertThat(v.get(P).kind()).isEqualTo(CacheReport.Kind.NOT_IN_CACHE);
    assertThat(v.get(P + "/c").kind()).isEqualTo(CacheReport.Kind.OUTPUT_GONE);
    assertThat(v.get(P + "/b").kind()).isEqualTo(CacheReport.Kind.DEPENDENCY_MISSES);
    assertThat(v.get(P + "/b").missingDeps()).containsExactly(P + "/a");
    assertThat(v.get(P + "/d").missingDeps()).containsExactly(P + "/c");
    assertThat(v.get(P + "/cmd/app").missingDeps()).containsExactly(P + "/b", P + "/d", P + "/f");
    assertThat(v.get("runtime").kind()).isEqualTo(CacheReport.Kind.HIT);
    for (String lib : List.of("a", "b", "c", "d", "e", "f")) {
      boolean miss = v.get(P + "/" + lib).kind() != CacheReport.Kind.HIT;
      assertThat(plain.goStale().get(P + "/" + lib)).as("go list agrees on " + lib).isEqualTo(miss);
    }

    Map<String, CacheReport.Verdict> w =
        byPackage(CacheCheck.check(go, m, more, cache, baseline, l -> {}));
    assertThat(w.get(P + "/a").kind()).isEqualTo(CacheReport.Kind.INPUTS_CHANGED);
    assertThat(w.get(P + "/a").causes())
        .singleElement()
        .satisfies(
            cause -> {
              assertThat(cause.category()).isEqualTo(Category.SOURCE);
              assertThat(cause.subject()).isEqualTo(P + "/a/a.go");
            });
    assertThat(w.get(P + "/e").kind()).isEqualTo(CacheReport.Kind.TRIMMED);
    assertThat(w.get(P).kind()).isEqualTo(CacheReport.Kind.NEVER_SEEN);
    assertThat(w.get(P + "/c").kind()).isEqualTo(CacheReport.Kind.OUTPUT_GONE);
  }

  private static ActionEntry entryOf(Manifest m, CacheDir cache, String pkg) throws IOException {
    CapturedAction a = m.byKey().get(new ActionKey("build", P + "/" + pkg, 0));
    return ((EntryRead.Valid) cache.readAction(a.id())).entry();
  }

  private static Map<String, CacheReport.Verdict> byPackage(CacheReport r) {
    return r.verdicts().stream().collect(Collectors.toMap(x -> x.key().pkg(), Function.identity()));
  }
}
