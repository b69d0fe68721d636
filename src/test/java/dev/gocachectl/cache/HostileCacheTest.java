package dev.gocachectl.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.testing.CacheInspector;
import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.WarmCache;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real GOCACHE (built by the real go) with hostile things in it: named pipes, a link loop, an
 * entry that fails to read, an executable directory holding a subdirectory. Nothing hangs, nothing
 * aborts the run for one odd name, and a failure to read never leads to a removal.
 */
@Tag("slow")
class HostileCacheTest {
  @TempDir Path tmp;
  Path cache;
  CacheInspector inspect;
  final List<Path> fifos = new ArrayList<>();

  @BeforeEach
  void setUp() {
    cache = WarmCache.copyTo(tmp.resolve("gocache"));
    inspect = new CacheInspector(cache);
  }

  /** Unblocks any reader stuck opening a pipe (a build without the fix), so the JVM can end. */
  @AfterEach
  void unblockPipes() throws IOException {
    for (Path f : fifos) {
      if (Files.exists(f, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(f)) {
        try (RandomAccessFile rw = new RandomAccessFile(f.toFile(), "rw")) {
          rw.getFD().sync();
        } catch (IOException ignored) {
          // not a pipe any more
        }
      }
    }
  }

  void mkfifo(Path p) throws IOException, InterruptedException {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(mk.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(mk.exitValue()).isZero();
    fifos.add(p);
  }

  static String hex(char c) {
    return String.valueOf(c).repeat(64);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void namedPipesAreForeignAndNeverOpened() throws Exception {
    Path entryPipe = cache.resolve("aa").resolve(hex('a') + "-a");
    Path outputPipe = cache.resolve("aa").resolve(hex('a') + "-d");
    mkfifo(entryPipe);
    mkfifo(outputPipe);
    Path shard = cache.resolve("fe");
    CacheDir.removeEntry(shard);
    mkfifo(shard);
    Path trimStamp = cache.resolve(CacheDir.TRIM_STAMP);
    Files.deleteIfExists(trimStamp);
    mkfifo(trimStamp);
    String c = cache.toString();

    Cli.Run stats = Cli.run("stats", "--cache", c);
    assertThat(stats.exit()).as(stats.err()).isZero();
    Cli.Run verify = Cli.run("verify", "--cache", c, "--settle", "0", "-v");
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out())
        .contains("foreign-file " + entryPipe + ": a named pipe, never opened")
        .contains("foreign-file " + outputPipe + ": a named pipe, never opened")
        .contains("foreign-file " + shard + ": a named pipe, never opened");
    Cli.Run repair = Cli.run("repair", "--cache", c, "--settle", "0");
    assertThat(repair.exit()).as(repair.err()).isZero();
    Cli.Run trim = Cli.run("trim", "--cache", c, "--max-size", "0", "--keep-recent", "1h");
    assertThat(trim.exit()).as(trim.err()).isIn(0, 1);
    for (Path f : fifos) {
      assertThat(Files.isRegularFile(f) || Files.isDirectory(f)).isFalse();
      assertThat(f).exists();
    }
  }

  @Test
  void aLinkLoopIsReportedAndTheRunGoesOn() throws IOException {
    Path loop = cache.resolve("bb").resolve(hex('b') + "-a");
    Files.createSymbolicLink(loop, loop);
    Path dangling = cache.resolve("bb").resolve(hex('b') + "-d");
    Files.createSymbolicLink(dangling, tmp.resolve("nowhere"));
    Cli.Run stats = Cli.run("stats", "--cache", cache.toString());
    assertThat(stats.exit()).as(stats.err()).isZero();
    Cli.Run verify = Cli.run("verify", "--cache", cache.toString(), "--settle", "0", "-v");
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out())
        .contains("foreign-file " + loop + ": a symbolic link that cannot be followed")
        .contains("foreign-file " + dangling + ": a dangling symbolic link");
  }

  @Test
  void anEntryThatFailsToReadIsAnErrorAndNeverRemoved() throws IOException {
    // Reading /proc/self/mem at offset 0 fails with EIO, whoever runs the test (root included).
    Path entry = cache.resolve("cc").resolve(hex('c') + "-a");
    Files.createSymbolicLink(entry, Path.of("/proc/self/mem"));
    Cli.Run verify = Cli.run("verify", "--cache", cache.toString(), "--settle", "0");
    assertThat(verify.exit()).isEqualTo(2);
    assertThat(verify.err()).contains(entry.toString()).contains("Input/output error");
    Cli.Run repair = Cli.run("repair", "--cache", cache.toString(), "--settle", "0");
    assertThat(repair.exit()).isEqualTo(2);
    assertThat(Files.isSymbolicLink(entry)).as("the unreadable entry is still there").isTrue();
  }

  @Test
  void repairRemovesAnExecutableDirectoryHoldingASubdirectoryWhole() throws IOException {
    Path exe = inspect.dir().outputPath(inspect.executable().output());
    Files.createDirectories(exe.resolve("sub/deeper"));
    Files.writeString(exe.resolve("sub/deeper/x"), "x");
    Cli.Run r = Cli.run("repair", "--cache", cache.toString(), "--settle", "0");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(exe).doesNotExist();
  }

  @Test
  void trimRemovesAnExecutableDirectoryHoldingASubdirectoryWhole() throws IOException {
    Path exe = inspect.dir().outputPath(inspect.executable().output());
    Files.createDirectories(exe.resolve("sub"));
    Files.writeString(exe.resolve("sub/x"), "x");
    FileTime old = FileTime.from(Instant.now().minus(30, ChronoUnit.DAYS));
    try (var s = Files.walk(cache)) {
      for (Path p : s.toList()) {
        Files.setLastModifiedTime(p, old);
      }
    }
    Cli.Run r = Cli.run("trim", "--cache", cache.toString(), "--max-age", "7d");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(exe).doesNotExist();
    Cli.Run again = Cli.run("trim", "--cache", cache.toString(), "--max-age", "7d");
    assertThat(again.exit()).as(again.err()).isZero();
  }

  @Test
  void jobsAreCappedAndMustBePositive() {
    Cli.Run many = Cli.run("verify", "--cache", cache.toString(), "--jobs", "100000");
    assertThat(many.exit()).as(many.err()).isZero();
    assertThat(many.err()).containsPattern("--jobs 100000 capped at [0-9]+");
    Cli.Run zero = Cli.run("stats", "--cache", cache.toString(), "--jobs", "0");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err()).contains("--jobs must be at least 1, found 0");
  }

  @Test
  void hitsRefusesACacheThatDoesNotExist() {
    Path typo = tmp.resolve("gocahce");
    Cli.Run r = Cli.run("hits", "--cache", typo.toString(), "--", "env", "GOCACHE");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(typo.toString()).contains("no such cache directory");
    assertThat(typo).doesNotExist();
  }

  @Test
  void maxAgeUnderKeepRecentSaysWhyNothingWent() {
    Clock clock = Clock.fixed(Instant.now().plus(2, ChronoUnit.HOURS), ZoneOffset.UTC);
    Cli.Run r = Cli.run(clock, Map.of(), "trim", "--cache", cache.toString(), "--max-age", "1h");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("--max-age 1h is under --keep-recent 1d")
        .contains("pass --keep-recent 1h");
    assertThat(r.out()).contains("deleted 0 of");
  }
}
