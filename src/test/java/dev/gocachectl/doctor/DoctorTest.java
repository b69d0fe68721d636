package dev.gocachectl.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.hits.HitCounter;
import dev.gocachectl.hits.HitReport;
import dev.gocachectl.testing.FixtureModule;
import dev.gocachectl.testing.GoEnv;
import dev.gocachectl.testing.WarmCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Each condition produced for real on this machine, and doctor naming it; a well set-up runner
 * giving no finding at all. Where a condition claims misses, two real go builds show them.
 */
class DoctorTest {
  private static final Doctor DOCTOR =
      new Doctor(1L << 30, Optional.empty(), Duration.ofSeconds(10), true);

  /** A runner: a home, a GOCACHE, a checkout (the fixture module, a git repository). */
  record Runner(Path base, Path cache, Path module, Map<String, String> env) {
    GoTool go() {
      return GoEnv.isolated(base.resolve("home"), cache).withEnv(new HashMap<>(env));
    }

    DoctorReport doctor() throws IOException {
      return DOCTOR.examine(env, module, Clock.systemUTC());
    }
  }

  private static Runner runner(TestInfo info, boolean warm) throws IOException {
    Path base =
        Path.of("target", "test-work", "doctor", info.getTestMethod().orElseThrow().getName())
            .toAbsolutePath();
    if (Files.exists(base)) {
      try (Stream<Path> s = Files.walk(base)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Path cache = base.resolve("gocache");
    if (warm) {
      WarmCache.copyTo(cache);
    } else {
      Files.createDirectories(cache);
    }
    Path module = FixtureModule.write(base.resolve("checkout")).dir();
    Files.createDirectories(module.resolve(".git"));
    Map<String, String> env =
        new HashMap<>(GoEnv.isolated(base.resolve("home"), cache).environment());
    return new Runner(base, cache, module, env);
  }

  private static List<String> ids(DoctorReport r) {
    return r.findings().stream().map(f -> f.id().id()).toList();
  }

  private static Finding only(DoctorReport r, FindingId id) {
    List<Finding> f = r.findings().stream().filter(x -> x.id() == id).toList();
    assertEquals(1, f.size(), () -> id.id() + " once in " + ids(r) + ": " + r.findings());
    return f.getFirst();
  }

  @Test
  void aWellSetUpRunnerHasNoFindings(TestInfo info) throws IOException {
    Runner r = runner(info, false);
    DoctorReport rep = r.doctor();
    assertEquals(List.of(), rep.findings(), () -> rep.findings().toString());
    assertTrue(rep.facts().cc().orElseThrow().versionLine().isPresent());
  }

  @Test
  void aWellSetUpGitHubRunnerHasNoFindings(TestInfo info) throws IOException {
    Runner r = runner(info, false);
    r.env().put("GITHUB_ACTIONS", "true");
    r.env().put("GITHUB_RUN_ID", "123456");
    r.env().put("RUNNER_ENVIRONMENT", "github-hosted");
    DoctorReport rep = r.doctor();
    assertEquals(List.of(), rep.findings(), () -> rep.findings().toString());
    assertEquals(CiKind.GITHUB_ACTIONS, rep.facts().ci());
  }

  @Test
  void cacheLocationKillers(TestInfo info) throws IOException {
    Runner r = runner(info, false);
    r.env().put("GOCACHE", "relative/cache");
    Finding rel = only(r.doctor(), FindingId.GOCACHE_RELATIVE);
    assertTrue(rel.evidence().contains("relative/cache"), rel.evidence());
    GoTool.Result build = r.go().run(r.module(), List.of("build", "./plain"));
    assertFalse(build.ok());
    assertTrue(build.stderr().contains("GOCACHE is not an absolute path"), build.stderr());

    r.env().put("GOCACHE", "off");
    only(r.doctor(), FindingId.GOCACHE_OFF);

    r.env().remove("GOCACHE");
    r.env().remove("HOME");
    only(r.doctor(), FindingId.GOCACHE_UNLOCATABLE);

    r.env().put("GOCACHE", "/tmp/gocachectl-doctor-test-cache");
    Finding eph = only(r.doctor(), FindingId.GOCACHE_EPHEMERAL);
    assertTrue(eph.evidence().contains("/tmp"), eph.evidence());

    r.env().put("GOCACHE", r.cache().toString());
    r.env().put("GO_CACHE", r.base().resolve("elsewhere").toString());
    Finding typo = only(r.doctor(), FindingId.CACHE_VARIABLE_MISSPELLED);
    assertTrue(typo.evidence().contains("$GO_CACHE"), typo.evidence());
  }

  @Test
  void tmpfsCacheNearlyFull(TestInfo info) throws Exception {
    Runner r = runner(info, false);
    Path mnt = Files.createDirectories(r.base().resolve("tmpfs"));
    exec("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt.toString());
    try {
      r.env().put("GOCACHE", mnt.resolve("go-build").toString());
      DoctorReport rep = r.doctor();
      Finding fs = only(rep, FindingId.FS_TMPFS);
      assertTrue(fs.evidence().contains("tmpfs"), fs.evidence());
      only(rep, FindingId.DISK_LOW);
    } finally {
      exec("umount", mnt.toString());
    }
  }

  @Test
  void ownerAndModes(TestInfo info) throws Exception {
    Runner r = runner(info, false);
    Files.setAttribute(r.cache(), "unix:uid", 54321);
    Finding f = only(r.doctor(), FindingId.DIR_FOREIGN_OWNER);
    assertTrue(f.evidence().contains("uid 54321"), f.evidence());
    Files.setAttribute(r.cache(), "unix:uid", RunnerProbe.uid());
    Files.setPosixFilePermissions(r.cache(), PosixFilePermissions.fromString("rwxrwxrwx"));
    only(r.doctor(), FindingId.DIR_WORLD_WRITABLE);
  }

  @Test
  @Tag("slow") // real go builds: not in the quick run (./test.sh --quick)
  void checkoutPathsVaryWithoutTrimpathAndMiss(TestInfo info) throws IOException {
    Runner r = runner(info, true);
    r.env().put("GITLAB_CI", "true");
    r.env().put("CI_CONCURRENT_ID", "7");
    r.env().put("CI_PROJECT_DIR", "/builds/abc/7/group/project");
    Finding f = only(r.doctor(), FindingId.TRIMPATH_MISSING);
    assertTrue(f.evidence().contains("CI_CONCURRENT_ID=7"), f.evidence());
    // the proof: the same module checked out at another path misses on its packages
    Path other = FixtureModule.write(r.base().resolve("checkout-2")).dir();
    GoEnv.ok(r.go(), r.module(), "build", "./plain");
    HitReport second = HitCounter.run(r.go(), other, List.of("build", "./plain"), s -> {});
    assertEquals(1, second.modes().get("compile").ran(), second.toString());
    // with -trimpath in GOFLAGS doctor is satisfied, and the other path hits
    r.env().put("GOFLAGS", "-buildvcs=false -trimpath");
    assertFalse(ids(r.doctor()).contains("trimpath-missing"));
    GoEnv.ok(r.go(), r.module(), "build", "./plain");
    HitReport trimmed = HitCounter.run(r.go(), other, List.of("build", "./plain"), s -> {});
    assertEquals(0, trimmed.modes().get("compile").ran(), trimmed.toString());
  }

  @Test
  void buildvcsOnCi(TestInfo info) throws IOException {
    Runner r = runner(info, false);
    r.env().put("BUILDKITE", "true");
    r.env().put("GOFLAGS", "-trimpath");
    only(r.doctor(), FindingId.BUILDVCS_STAMPED);
  }

  @Test
  @Tag("slow") // real go builds: not in the quick run (./test.sh --quick)
  void aCompilerWrapperPrintingAnotherVersionChangesTheKey(TestInfo info) throws Exception {
    Runner r = runner(info, true);
    Path wrapper = r.base().resolve("bin/cc-wrapper");
    Files.createDirectories(wrapper.getParent());
    Files.writeString(
        wrapper,
        """
        #!/bin/sh
        for a in "$@"; do
          if [ "$a" = "-###" ]; then
            echo "Using built-in specs."
            echo "gcc version 99.1.0 (Wrapped)"
            exit 0
          fi
        done
        exec gcc "$@"
        """);
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    GoEnv.ok(r.go(), r.module(), "build", "./cgo");
    r.env().put("CC", wrapper.toString());
    DoctorReport rep = r.doctor();
    assertEquals(
        Optional.of("gcc version 99.1.0 (Wrapped)"), rep.facts().cc().orElseThrow().versionLine());
    // the other version line misses on the cgo package, and go hashes exactly doctor's line
    HitReport wrapped = HitCounter.run(r.go(), r.module(), List.of("build", "./cgo"), s -> {});
    assertTrue(wrapped.modes().get("compile").ran() >= 1, wrapped.toString());
    GoTool.Result hashed =
        r.go()
            .withEnv(Map.of("GODEBUG", "gocachehash=1"))
            .run(r.module(), List.of("build", "./cgo"));
    assertTrue(hashed.ok(), hashed.stderr());
    assertTrue(
        hashed.stderr().contains("CC ID=\\\"gcc version 99.1.0 (Wrapped)\\\""),
        () -> hashed.stderr().lines().filter(l -> l.contains("CC ID")).toList().toString());

    Files.writeString(wrapper, "#!/bin/sh\necho \"wrapped compiler, build $$\"\n");
    only(r.doctor(), FindingId.CC_ID_ERROR);
  }

  @Test
  void cgoConditions(TestInfo info) throws IOException {
    Runner r = runner(info, false);
    r.env().put("CGO_CFLAGS", "-O2 -I/tmp/job-4711/include");
    Finding f = only(r.doctor(), FindingId.CGO_FLAGS_JOB_PATH);
    assertTrue(f.evidence().contains("-I/tmp/job-4711/include"), f.evidence());
    r.env().remove("CGO_CFLAGS");
    Path bin = Files.createDirectories(r.base().resolve("nogcc"));
    Files.createSymbolicLink(bin.resolve("go"), GoTool.require(System.getenv()).binary());
    r.env().remove("CGO_ENABLED");
    r.env().put("PATH", bin.toString());
    only(r.doctor(), FindingId.CGO_OFF_WITHOUT_CC);
    r.env().put("CGO_ENABLED", "1");
    only(r.doctor(), FindingId.CC_NOT_FOUND);
  }

  @Test
  void aCacheProgThatHangsOrExitsIsAFindingNotAHang(TestInfo info) throws Exception {
    Runner r = runner(info, false);
    Path hang = r.base().resolve("hang prog");
    Files.writeString(hang, "#!/bin/sh\nexec sleep 600\n");
    Path exits = r.base().resolve("exits prog");
    Files.writeString(exits, "#!/bin/sh\nexit 0\n");
    for (Path p : List.of(hang, exits)) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }
    Doctor quick = new Doctor(1L << 30, Optional.empty(), Duration.ofSeconds(2), true);
    // go env must not start the program: with every variable listed it does, and then hangs with
    // it or fails with it, and doctor could not run at all.
    r.env().put("GOCACHEPROG", "'" + hang + "'");
    DoctorReport hung = quick.examine(r.env(), r.module(), Clock.systemUTC());
    assertEquals(List.of("cacheprog-handshake"), ids(hung));
    r.env().put("GOCACHEPROG", "'" + exits + "'");
    DoctorReport gone = quick.examine(r.env(), r.module(), Clock.systemUTC());
    assertFalse(gone.findings().isEmpty(), "a program that exits at once is named");
    assertTrue(ids(gone).stream().allMatch(id -> id.startsWith("cacheprog-")), ids(gone)::toString);
    // The cgo flags doctor no longer gets from go env: the environment, else go's default.
    r.env().remove("GOCACHEPROG");
    r.env().put("CGO_LDFLAGS", "-L/opt/x");
    RunnerFacts f = r.doctor().facts();
    assertEquals("-L/opt/x", f.go("CGO_LDFLAGS"));
    assertEquals("-O2 -g", f.go("CGO_CFLAGS"));
    assertEquals("", f.go("CGO_CPPFLAGS"));
  }

  @Test
  void toolchainSwitching(TestInfo info) throws IOException {
    Runner r = runner(info, false);
    Files.writeString(
        r.module().resolve("go.mod"),
        "module " + FixtureModule.PATH + "\n\ngo 1.24\n\ntoolchain go1.99.1\n");
    r.env().put("GOTOOLCHAIN", "auto");
    Finding f = only(r.doctor(), FindingId.TOOLCHAIN_SWITCH);
    assertTrue(f.evidence().contains("go1.99.1"), f.evidence());
    r.env().put("GOTOOLCHAIN", "local");
    assertEquals(List.of(), r.doctor().findings());
    Files.writeString(
        r.module().resolve("go.mod"), "module " + FixtureModule.PATH + "\n\ngo 1.99\n");
    only(r.doctor(), FindingId.TOOLCHAIN_TOO_OLD);
    GoTool.Result build = r.go().run(r.module(), List.of("build", "./plain"));
    assertTrue(build.stderr().contains("requires go >= 1.99"), build.stderr());
  }

  @Test
  void variablesGoHashes(TestInfo info) throws IOException {
    Runner r = runner(info, false);
    r.env().put("GODEBUG", "gocacheverify=1");
    r.env().put("GOEXPERIMENT", "nogreenteagc");
    r.env().put("GOAMD64", "v3");
    r.env().put("GOSSAFUNC", "main");
    r.env().put("GOFLAGS", "-buildvcs=false -a -count=1");
    DoctorReport rep = r.doctor();
    for (FindingId id :
        List.of(
            FindingId.GODEBUG_CACHE,
            FindingId.GOEXPERIMENT_SET,
            FindingId.ARCH_LEVEL_SET,
            FindingId.COMPILER_DEBUG_ENV,
            FindingId.GOFLAGS_REBUILD_ALL,
            FindingId.TEST_COUNT_1)) {
      only(rep, id);
    }
  }

  @Test
  @Tag("slow") // real go builds: not in the quick run (./test.sh --quick)
  void testCacheDefeatersOnCi(TestInfo info) throws IOException {
    Runner r = runner(info, true);
    Path plain = r.module().resolve("plain");
    Files.createDirectories(plain.resolve("testdata"));
    Files.writeString(plain.resolve("testdata/input.txt"), "data\n");
    Files.writeString(
        plain.resolve("data_test.go"),
        """
        package plain

        import (
        	"os"
        	"testing"
        )

        func TestData(t *testing.T) {
        	if _, err := os.ReadFile("testdata/input.txt"); err != nil {
        		t.Fatal(err)
        	}
        	_ = os.Getenv("GITHUB_RUN_ID")
        }
        """);
    r.env().put("GITHUB_ACTIONS", "true");
    r.env().put("GITHUB_RUN_ID", "1001");
    DoctorReport rep = r.doctor();
    only(rep, FindingId.TESTDATA_CHECKOUT_MTIME);
    Finding env = only(rep, FindingId.TEST_READS_JOB_VARIABLE);
    assertTrue(env.evidence().contains("GITHUB_RUN_ID"), env.evidence());
    // the proof: a second checkout (new mtime) runs the test again instead of using the result
    Path input = plain.resolve("testdata/input.txt");
    Files.setLastModifiedTime(input, FileTime.from(Instant.now().minusSeconds(3600)));
    GoEnv.ok(r.go(), r.module(), "test", "./plain");
    assertTrue(GoEnv.ok(r.go(), r.module(), "test", "./plain").stdout().contains("(cached)"));
    Files.setLastModifiedTime(input, FileTime.from(Instant.now().minusSeconds(60)));
    String again = GoEnv.ok(r.go(), r.module(), "test", "./plain").stdout();
    assertFalse(again.contains("(cached)"), again);
  }

  @Test
  @Tag("slow") // real go builds: not in the quick run (./test.sh --quick)
  void restoredCacheWithOldMtimesIsTrimmed(TestInfo info) throws IOException {
    Runner r = runner(info, true);
    r.env().put("GITHUB_ACTIONS", "true");
    Instant old = Instant.now().minus(Duration.ofDays(10));
    long files = 0;
    try (Stream<Path> s = Files.walk(r.cache())) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(p, FileTime.from(old));
        files++;
      }
    }
    Files.writeString(r.cache().resolve("trim.txt"), Long.toString(old.getEpochSecond()));
    Finding f = only(r.doctor(), FindingId.TRIM_DUE);
    assertTrue(f.evidence().contains("older than 5 days"), f.evidence());
    // the proof: the next go command deletes them, and the build misses
    HitReport build = HitCounter.run(r.go(), r.module(), List.of("build", "./plain"), s -> {});
    assertTrue(build.modes().get("compile").ran() > 0, build.toString());
    long left;
    try (Stream<Path> s = Files.walk(r.cache())) {
      left = s.filter(Files::isRegularFile).count();
    }
    assertTrue(left < files, left + " of " + files);
  }

  @Test
  void scriptsThatWipeTheCache(TestInfo info) throws IOException {
    Runner r = runner(info, false);
    Files.writeString(
        r.module().resolve("Makefile"),
        "test:\n\tgo test -count=1 ./...\n# go clean -cache in a comment\nclean:\n\tgo clean -cache\n");
    Files.createDirectories(r.module().resolve(".github/workflows"));
    Files.writeString(
        r.module().resolve(".github/workflows/ci.yml"),
        "jobs:\n  t:\n    steps:\n      - run: go clean -modcache\n");
    DoctorReport rep = r.doctor();
    List<Finding> cleans =
        rep.findings().stream().filter(x -> x.id() == FindingId.SCRIPT_CLEANS_CACHE).toList();
    assertEquals(2, cleans.size(), cleans.toString());
    assertTrue(cleans.stream().anyMatch(c -> c.evidence().startsWith("Makefile:5:")));
    assertTrue(only(rep, FindingId.TEST_COUNT_1).evidence().startsWith("Makefile:2:"));
  }

  private static void exec(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    assertEquals(0, p.waitFor(), String.join(" ", cmd));
  }
}
