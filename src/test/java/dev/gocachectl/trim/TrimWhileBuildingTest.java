package dev.gocachectl.trim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheSnapshot;
import dev.gocachectl.cache.CacheWriter;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.WarmCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four real go command loops (build, vet, test, build -o) share a cache while gocachectl trims it
 * to a size budget, three times over. The cache was restored with old mtimes (as a CI cache tarball
 * is) and padded with older entries nothing uses. No go command may fail, and the budget must hold
 * afterwards.
 */
@Tag("slow") // not in the quick run (./test.sh --quick)
class TrimWhileBuildingTest {
  @TempDir Path tmp;

  @Test
  void concurrentBuildsNeverFailAndTheBudgetHolds() throws Exception {
    Path cache = WarmCache.copyTo(tmp.resolve("gocache"));
    CacheDir dir = CacheDir.open(cache);
    Instant now = Instant.now();
    // go's own trim would delete the 5-day-old files on its own: it ran "just now"
    Files.writeString(cache.resolve(CacheDir.TRIM_STAMP), Long.toString(now.getEpochSecond()));
    setAllMtimes(cache, now.minus(Duration.ofDays(5)));
    long workingSet = cacheBytes(dir);

    CacheWriter writer = new CacheWriter(dir, java.time.Clock.systemUTC());
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 40; i++) {
      byte[] body = new byte[1 << 20];
      random.nextBytes(body);
      ActionId id = new ActionId(Hash.sha256(("filler " + i).getBytes(StandardCharsets.UTF_8)));
      var e = writer.put(id, body);
      FileTime t = FileTime.from(now.minus(Duration.ofDays(4)));
      Files.setLastModifiedTime(dir.actionFile(e.id()), t);
      Files.setLastModifiedTime(dir.outputPath(e.output()), t);
    }
    long before = cacheBytes(dir);
    long budget = workingSet + (before - workingSet) / 2;

    GoTool go = WarmCache.goFor(cache, tmp.resolve("home"));
    Path module = WarmCache.base().module().dir();
    List<List<String>> commands =
        List.of(
            List.of("build", "./..."),
            List.of("vet", "./..."),
            List.of("test", "./..."),
            List.of("build", "-o", tmp.resolve("hello").toString(), "./cmd/hello"));
    CountDownLatch everyLoopRanOnce = new CountDownLatch(commands.size());
    AtomicBoolean trimsDone = new AtomicBoolean();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    List<Integer> runs = Collections.synchronizedList(new ArrayList<>());
    List<Thread> loops = new ArrayList<>();
    for (List<String> cmd : commands) {
      loops.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    int n = 0;
                    while (n < 3 || !trimsDone.get()) {
                      try {
                        GoTool.Result r = go.run(module, cmd);
                        if (!r.ok()) {
                          failures.add("go " + cmd + ": " + r.stderr());
                        }
                      } catch (IOException e) {
                        failures.add("go " + cmd + ": " + e);
                      }
                      if (++n == 1) {
                        everyLoopRanOnce.countDown();
                      }
                    }
                    runs.add(n);
                  }));
    }
    everyLoopRanOnce.await();
    List<Cli.Run> trims = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      trims.add(
          Cli.run(
              "trim",
              "--cache",
              cache.toString(),
              "--max-size",
              Long.toString(budget),
              "--keep-recent",
              "1h",
              "--json"));
    }
    trimsDone.set(true);
    for (Thread t : loops) {
      t.join();
    }

    assertThat(failures).isEmpty();
    assertThat(runs).hasSize(4).allMatch(n -> n >= 3);
    for (Cli.Run t : trims) {
      assertThat(t.exit()).as(t.out() + t.err()).isZero();
      assertThat(t.out()).contains("\"budgetMet\" : true");
    }
    assertThat(trims.getFirst().out()).doesNotContain("\"reclaimedBytes\" : 0,");
    assertThat(cacheBytes(dir)).isLessThanOrEqualTo(budget);
    // and the cache still serves every build
    GoTool.Result again = go.run(module, List.of("build", "./..."));
    assertThat(again.ok()).as(again.stderr()).isTrue();
  }

  static long cacheBytes(CacheDir dir) throws IOException {
    CacheSnapshot s = CacheSnapshot.take(dir, 2);
    return s.actions().stream().mapToLong(CacheSnapshot.Action::fileSize).sum()
        + s.outputs().values().stream().mapToLong(CacheSnapshot.Output::size).sum();
  }

  static void setAllMtimes(Path cache, Instant t) throws IOException {
    FileTime ft = FileTime.from(t);
    try (Stream<Path> s = Files.walk(cache)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith("-a") || name.endsWith("-d")) {
          Files.setLastModifiedTime(p, ft);
        }
      }
    }
  }
}
