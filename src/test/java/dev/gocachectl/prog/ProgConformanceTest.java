package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.hits.ActionGraph;
import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.FixtureModule;
import dev.gocachectl.testing.GoEnv;
import dev.gocachectl.testing.WarmCache;
import dev.gocachectl.verify.Verifier;
import dev.gocachectl.verify.VerifyOptions;
import dev.gocachectl.verify.VerifyProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real go toolchain with GOCACHEPROG set to this build's {@code gocachectl prog}: every go
 * command that uses the cache. The local tier starts as a copy of a warm GOCACHE (the layouts are
 * the same, which is the point), and each test builds its own copy of the fixture module, whose
 * packages therefore miss first (their directory is in the key) while the standard library hits.
 */
@Tag("slow") // not in the quick run (./test.sh --quick)
class ProgConformanceTest {
  @TempDir Path tmp;
  Path dir;
  Path module;
  GoTool go;

  @BeforeEach
  void setUp() throws IOException {
    dir = WarmCache.copyTo(tmp.resolve("prog"));
    module = FixtureModule.write(tmp.resolve("mod")).dir();
    go =
        GoEnv.isolated(tmp.resolve("home"), Files.createDirectories(tmp.resolve("gocache")))
            .withEnv(Map.of("GOCACHEPROG", ProgProcess.gocacheprog(dir)));
  }

  List<ActionGraph.Action> ran(String... args) throws IOException {
    Path graph = tmp.resolve("graph-" + System.nanoTime() + ".json");
    List<String> a = new ArrayList<>(List.of(args));
    a.add(1, "-debug-actiongraph=" + graph);
    GoTool.Result r = go.run(module, a);
    assertThat(r.ok()).as(r.stderr()).isTrue();
    return ActionGraph.read(graph).stream().filter(ActionGraph.Action::ran).toList();
  }

  List<StatsLogReader.Entry> reports() throws IOException {
    return StatsLogReader.read(CacheDir.open(dir)).entries();
  }

  @Test
  void secondBuildCompilesNothing() throws IOException {
    List<ActionGraph.Action> first = ran("build", "./...");
    assertThat(first).extracting(ActionGraph.Action::pkg).contains("example.com/fixture/plain");
    List<ActionGraph.Action> second = ran("build", "./...");
    assertThat(second).filteredOn(a -> a.mode().equals("build")).isEmpty();
    List<StatsLogReader.Entry> r = reports();
    assertThat(r).hasSize(2);
    assertThat(r.get(0).get("puts")).isGreaterThan(3);
    assertThat(r.get(1).get("hits")).isGreaterThan(50);
    assertThat(r.get(1).command()).contains("go build");
  }

  @Test
  void testResultsAreCachedAndCleanTestcacheExpiresThem() {
    assertThat(GoEnv.ok(go, module, "test", "./plain").stdout()).doesNotContain("(cached)");
    assertThat(GoEnv.ok(go, module, "test", "./plain").stdout()).contains("(cached)");
    GoEnv.ok(go, module, "clean", "-testcache");
    // prog sends Time on every hit, so the expiry applies to results it serves
    assertThat(GoEnv.ok(go, module, "test", "./plain").stdout())
        .contains("ok  \texample.com/fixture/plain")
        .doesNotContain("(cached)");
  }

  @Test
  void listExportPathsStayValidAfterGoExits() {
    String out =
        GoEnv.ok(go, module, "list", "-export", "-f", "{{.ImportPath}} {{.Export}}", "./...")
            .stdout();
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(3);
    for (String line : lines) {
      Path export = Path.of(line.split(" ")[1]);
      assertThat(export).isAbsolute().exists().startsWith(dir);
      assertThat(export.getFileName().toString()).endsWith("-d").doesNotContain(".");
    }
  }

  @Test
  void runInstallToolAndVet() throws IOException {
    assertThat(GoEnv.ok(go, module, "run", "./cmd/hello").stdout()).isEqualTo("hello, world 3\n");
    Path bin = tmp.resolve("bin");
    GoEnv.ok(go.withEnv(Map.of("GOBIN", bin.toString())), module, "install", "./cmd/hello");
    assertThat(bin.resolve("hello")).isExecutable();
    Files.writeString(
        module.resolve("go.mod"),
        "\ntool example.com/fixture/cmd/hello\n",
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(GoEnv.ok(go, module, "tool", "hello").stdout()).isEqualTo("hello, world 3\n");
    GoEnv.ok(go, module, "vet", "./...");
    assertThat(ran("vet", "./...")).filteredOn(a -> a.mode().equals("vet")).isEmpty();
  }

  @Test
  void manyPackagesBuiltInParallel() throws IOException {
    for (int i = 0; i < 40; i++) {
      Path p = module.resolve("gen/p" + i);
      Files.createDirectories(p);
      String imp = i == 0 ? "" : "import \"example.com/fixture/gen/p" + (i / 2) + "\"\n\n";
      String use = i == 0 ? "1" : "p" + (i / 2) + ".V() + 1";
      Files.writeString(
          p.resolve("p.go"),
          "package p" + i + "\n\n" + imp + "func V() int { return " + use + " }\n");
    }
    List<ActionGraph.Action> first = ran("build", "-p", "8", "./gen/...");
    assertThat(first).filteredOn(a -> a.mode().equals("build")).hasSize(40);
    assertThat(ran("build", "-p", "8", "./gen/..."))
        .filteredOn(a -> a.mode().equals("build"))
        .isEmpty();
  }

  @Test
  void twoGoCommandsAtOnceShareTheDirectory() throws Exception {
    Path other = FixtureModule.write(tmp.resolve("mod2")).dir();
    CompletableFuture<GoTool.Result> a =
        CompletableFuture.supplyAsync(() -> run(module, "test", "./..."));
    CompletableFuture<GoTool.Result> b =
        CompletableFuture.supplyAsync(() -> run(other, "build", "./..."));
    assertThat(a.get().ok()).as(a.get().stderr()).isTrue();
    assertThat(b.get().ok()).as(b.get().stderr()).isTrue();
    var report =
        new Verifier(new VerifyOptions(2, Duration.ZERO, Duration.ZERO), Clock.systemUTC())
            .verify(CacheDir.open(dir), VerifyProgress.NONE);
    assertThat(report.problems()).isEmpty();
    assertThat(reports()).hasSize(2);
  }

  private GoTool.Result run(Path where, String... args) {
    try {
      return go.run(where, List.of(args));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void missesAfterATrimAreReportedAsTrimmed() throws IOException {
    GoEnv.ok(go, module, "build", "./...");
    Cli.Run trim =
        Cli.run("trim", "--cache", dir.toString(), "--max-age", "0", "--keep-recent", "0");
    assertThat(trim.exit()).as(trim.err()).isZero();
    GoEnv.ok(go, module, "build", "./...");
    StatsLogReader.Entry last = reports().getLast();
    assertThat(last.get("miss.trimmed")).isGreaterThan(50);
    assertThat(last.get("miss.new")).isLessThan(last.get("miss.trimmed"));
    assertThat(Cli.run("prog", "stats", "--dir", dir.toString()).out()).contains("go build ./...");
  }
}
