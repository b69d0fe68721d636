package dev.gocachectl.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Variables and flags go writes into keys or that bypass the cache (D13–D16): {@code
 * GOEXPERIMENT=%q} and the architecture level ({@code GOAMD64=v3}, {@code GOARM}, ...: {@code
 * cfg.GetArchEnv}) in every compile and link key; the compiler debug variables go reads with {@code
 * os.Getenv} and hashes as {@code magic NAME=value} ({@code cmd/go/internal/work/exec.go}:
 * GOCLOBBERDEADHASH, GOSSAFUNC, GOSSADIR, GOCOMPILEDEBUG); {@code GODEBUG=gocacheverify=1}, which
 * makes go run every action and compare instead of using the cache ({@code
 * cmd/go/internal/cache/cache.go}); {@code -a} (rebuild everything) and {@code -count} (test
 * results never cached, {@code cmd/go/internal/test/test.go}) in GOFLAGS.
 *
 * <p>An experiment or architecture level is reported only when set in the job's environment, where
 * it is easily missing from another job; one baked into the toolchain or written with {@code go env
 * -w} is the runner's own setting and goes into {@code --snapshot} for comparing runners.
 */
final class KeyVariablesCheck implements Check {
  private static final List<String> ARCH_LEVELS =
      List.of(
          "GOAMD64",
          "GO386",
          "GOARM",
          "GOARM64",
          "GOMIPS",
          "GOMIPS64",
          "GOPPC64",
          "GORISCV64",
          "GOWASM");
  static final List<String> MAGIC =
      List.of("GOCLOBBERDEADHASH", "GOSSAFUNC", "GOSSADIR", "GOCOMPILEDEBUG");

  @Override
  public List<Finding> check(RunnerFacts f) {
    List<Finding> out = new ArrayList<>();
    if (!f.raw("GOEXPERIMENT").isEmpty()) {
      out.add(
          new Finding(
              FindingId.GOEXPERIMENT_SET,
              Severity.MISSES_CACHE,
              "$GOEXPERIMENT=" + f.raw("GOEXPERIMENT"),
              "every compile and link key holds GOEXPERIMENT: nothing is shared with jobs and"
                  + " developers that do not set it exactly so.",
              "set it in one place every go command sharing this cache reads (the CI's global"
                  + " environment, or go env -w), or drop it",
              "an experiment set everywhere costs nothing here"));
    }
    String godebug = f.raw("GODEBUG").isEmpty() ? f.go("GODEBUG") : f.raw("GODEBUG");
    for (String setting : godebug.split(",", -1)) {
      String s = setting.strip();
      if (s.equals("gocacheverify=1")) {
        out.add(
            new Finding(
                FindingId.GODEBUG_CACHE,
                Severity.SLOWS,
                "GODEBUG=" + godebug,
                "go runs every action again and compares it with the cache instead of using it:"
                    + " a cached build costs as much as a cold one.",
                "remove gocacheverify=1 from GODEBUG (it is a debugging switch)",
                "none"));
      } else if (s.equals("gocachehash=1") || s.equals("gocachetest=1")) {
        out.add(
            new Finding(
                FindingId.GODEBUG_CACHE,
                Severity.SLOWS,
                "GODEBUG=" + godebug,
                "go prints every hash input of every action on standard error: large logs and"
                    + " slower builds.",
                "remove "
                    + s
                    + " from GODEBUG outside a debugging session (gocachectl explain"
                    + " sets it only for the builds it compares)",
                "none"));
      }
    }
    for (String v : ARCH_LEVELS) {
      if (!f.raw(v).isEmpty()) {
        out.add(
            new Finding(
                FindingId.ARCH_LEVEL_SET,
                Severity.MISSES_CACHE,
                "$" + v + "=" + f.raw(v),
                "every compile and link key holds \""
                    + v
                    + "="
                    + f.raw(v)
                    + "\": nothing is shared with jobs and developers that build for the default"
                    + " level.",
                "set it in one place every go command sharing this cache reads, or drop it",
                "a level set everywhere costs nothing here; binaries need CPUs of that level"));
      }
    }
    for (String v : MAGIC) {
      if (!f.raw(v).isEmpty()) {
        out.add(
            new Finding(
                FindingId.COMPILER_DEBUG_ENV,
                Severity.MISSES_CACHE,
                "$" + v + "=" + f.raw(v),
                "go hashes \"magic "
                    + v
                    + "=...\" into every compile key: this job shares nothing"
                    + " with jobs that do not set it.",
                "unset " + v + " (a compiler debugging variable)",
                "none"));
      }
    }
    if (f.goflag("a").map(x -> !x.equals("false")).orElse(false)) {
      out.add(
          new Finding(
              FindingId.GOFLAGS_REBUILD_ALL,
              Severity.MISSES_CACHE,
              "GOFLAGS=" + f.go("GOFLAGS") + " holds -a",
              "go rebuilds every package of every command, the standard library included, and"
                  + " never uses the cache.",
              "remove -a from GOFLAGS",
              "none: the cache already rebuilds what changed"));
    }
    Optional<String> count = f.goflag("count");
    if (count.isPresent()) {
      out.add(
          new Finding(
              FindingId.TEST_COUNT_1,
              Severity.MISSES_CACHE,
              "GOFLAGS=" + f.go("GOFLAGS") + " holds -count=" + count.get(),
              "go test caches no result when -count is given: every test runs every time.",
              "remove -count from GOFLAGS; use it on the command line where a rerun is wanted",
              "tests with outside inputs go does not see (network, databases) need -count=1"
                  + " where they run"));
    }
    return out;
  }
}
