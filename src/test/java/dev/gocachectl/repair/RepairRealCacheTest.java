package dev.gocachectl.repair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.ActionEntry;
import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.hits.ActionGraph;
import dev.gocachectl.testing.CacheInspector;
import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.GoEnv;
import dev.gocachectl.testing.WarmCache;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repair on a real cache: only the broken entries go, and the next real go command rebuilds exactly
 * those, which the action graph shows.
 */
@Tag("slow") // not in the quick run (./test.sh --quick)
class RepairRealCacheTest {
  @TempDir Path tmp;
  Path cache;
  CacheInspector inspect;
  GoTool go;
  Path module;

  @BeforeEach
  void setUp() {
    cache = WarmCache.copyTo(tmp.resolve("gocache"));
    inspect = new CacheInspector(cache);
    go = WarmCache.goFor(cache, tmp.resolve("home"));
    module = WarmCache.base().module().dir();
  }

  List<ActionGraph.Action> ranAfter(String... goArgs) throws IOException {
    Path graph = tmp.resolve("graph.json");
    String[] args = new String[goArgs.length + 1];
    args[0] = goArgs[0];
    args[1] = "-debug-actiongraph=" + graph;
    System.arraycopy(goArgs, 1, args, 2, goArgs.length - 1);
    GoEnv.ok(go, module, args);
    return ActionGraph.read(graph).stream().filter(ActionGraph.Action::ran).toList();
  }

  @Test
  void corruptArchiveIsRemovedAndOnlyItsPackageIsRecompiled() throws IOException {
    ActionEntry e = inspect.archiveOf("example.com/fixture/plain");
    Path d = inspect.dir().outputPath(e.output());
    try (RandomAccessFile f = new RandomAccessFile(d.toFile(), "rw")) {
      f.seek(Files.size(d) - 10);
      f.write(0x5a);
    }
    Cli.Run dry = Cli.run("repair", "--cache", cache.toString(), "--dry-run", "--settle", "0");
    assertThat(dry.exit()).isEqualTo(1);
    assertThat(d).exists();

    Cli.Run r = Cli.run("repair", "--cache", cache.toString(), "--settle", "0");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("removed " + inspect.dir().actionFile(e.id()))
        .contains("removed " + d)
        .contains("removed 2 files (1 action entries, 1 outputs) for 1 problems");
    assertThat(d).doesNotExist();
    assertThat(Cli.run("verify", "--cache", cache.toString()).exit()).isZero();

    List<ActionGraph.Action> ran = ranAfter("build", "./...");
    assertThat(ran)
        .filteredOn(a -> a.mode().equals("build"))
        .extracting(ActionGraph.Action::mode, ActionGraph.Action::pkg)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("build", "example.com/fixture/plain"));
  }

  @Test
  void malformedExecutableIsRemovedAndOnlyRelinked() throws IOException {
    ActionEntry exe = inspect.executable();
    Path dir = inspect.dir().outputPath(exe.output());
    Files.writeString(dir.resolve("leftover"), "partial copy");
    Cli.Run r = Cli.run("repair", "--cache", cache.toString(), "--settle", "0", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"kind\" : \"output-dir-malformed\"").contains(dir.toString());
    assertThat(dir).doesNotExist();
    List<ActionGraph.Action> ran = ranAfter("run", "./cmd/hello");
    assertThat(ran).extracting(ActionGraph.Action::mode).doesNotContain("build");
    assertThat(ran).extracting(ActionGraph.Action::mode).contains("link");
  }

  @Test
  void healthyCacheIsLeftAlone() throws IOException {
    long files;
    try (var s = Files.walk(cache)) {
      files = s.count();
    }
    Cli.Run r = Cli.run("repair", "--cache", cache.toString(), "--settle", "0");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("nothing to repair");
    try (var s = Files.walk(cache)) {
      assertThat(s.count()).isEqualTo(files);
    }
  }
}
