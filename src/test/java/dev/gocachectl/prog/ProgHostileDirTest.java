package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.hits.ActionGraph;
import dev.gocachectl.testing.FixtureModule;
import dev.gocachectl.testing.GoEnv;
import dev.gocachectl.testing.WarmCache;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real go with GOCACHEPROG on a prog directory whose action entries are named pipes: prog never
 * opens them (the open would block the go command forever), go misses, rebuilds and its puts
 * replace them.
 */
@Tag("slow")
class ProgHostileDirTest {
  @TempDir Path tmp;
  final List<Path> fifos = new ArrayList<>();

  /** Unblocks a reader stuck opening a pipe (a build without the fix), so the JVM can end. */
  @AfterEach
  void unblockPipes() {
    for (Path f : fifos) {
      if (Files.exists(f, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(f)) {
        try (RandomAccessFile rw = new RandomAccessFile(f.toFile(), "rw")) {
          rw.getFD().sync();
        } catch (IOException ignored) {
          // replaced meanwhile
        }
      }
    }
  }

  static Set<Path> entries(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith("-a")).collect(Collectors.toSet());
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void namedPipesForEntriesAreMissesNotHangs() throws Exception {
    Path dir = WarmCache.copyTo(tmp.resolve("prog"));
    Path module = FixtureModule.write(tmp.resolve("mod")).dir();
    GoTool go =
        GoEnv.isolated(tmp.resolve("home"), Files.createDirectories(tmp.resolve("gocache")))
            .withEnv(Map.of("GOCACHEPROG", ProgProcess.gocacheprog(dir)));
    Set<Path> before = entries(dir);
    GoEnv.ok(go, module, "build", "./...");
    List<String> mk = new ArrayList<>(List.of("mkfifo"));
    for (Path p : entries(dir)) {
      if (!before.contains(p)) {
        Files.delete(p);
        mk.add(p.toString());
        fifos.add(p);
      }
    }
    assertThat(fifos).as("the first build's puts").isNotEmpty();
    Process p = new ProcessBuilder(mk).inheritIO().start();
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).isZero();

    Path graph = tmp.resolve("graph.json");
    GoEnv.ok(go, module, "build", "-debug-actiongraph=" + graph, "./...");
    assertThat(ActionGraph.read(graph))
        .filteredOn(ActionGraph.Action::ran)
        .extracting(ActionGraph.Action::pkg)
        .contains("example.com/fixture/plain");
    for (Path f : fifos) {
      assertThat(Files.isRegularFile(f)).as(f + " replaced by go's put").isTrue();
    }
  }
}
