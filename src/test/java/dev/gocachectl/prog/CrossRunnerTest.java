package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.FixtureModule;
import dev.gocachectl.testing.GoEnv;
import dev.gocachectl.testing.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runners on one machine sharing a real Redis: runner A runs {@code go test ./...} on the
 * fixture, then runner B runs the same command with one thing changed, and B's prog must name that
 * thing (on go's standard error and in its report), or say that nothing differs.
 */
@Tag("slow")
@Timeout(600)
class CrossRunnerTest {
  @TempDir static Path shared;
  static RedisServer redis;
  static Path goroot;

  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  /** One runner: its name, checkout, local tier and environment changes. */
  record Runner(String name, Path module, Path local, GoTool go) {}

  Runner runner(String name, Path module, Map<String, String> env) throws IOException {
    Path local = Files.createDirectories(tmp.resolve("local-" + name));
    List<String> prog = new ArrayList<>(ProgProcess.commandWithDependencies());
    prog.addAll(List.of("--dir", local.toString(), "--remote", url(), "--remote-timeout", "5s"));
    Map<String, String> all = new HashMap<>(env);
    all.put("GOCACHEPROG", String.join(" ", prog));
    all.put("GOCACHECTL_RUNNER", name);
    // one module cache path on every runner here: a different one is a difference of its own
    all.put("GOMODCACHE", shared.resolve("modcache").toString());
    GoTool go =
        GoEnv.isolated(
                tmp.resolve("home-" + name), Files.createDirectories(tmp.resolve("gc-" + name)))
            .withEnv(all);
    return new Runner(name, module, local, go);
  }

  String url() {
    return "redis://127.0.0.1:" + redis.port() + "?max-object=64MiB";
  }

  Path module(String where) {
    return FixtureModule.write(tmp.resolve(where).resolve("mod")).dir();
  }

  static GoTool.Result test(Runner r) throws IOException {
    GoTool.Result res = r.go().run(r.module(), List.of("test", "./..."));
    assertThat(res.ok()).as(res.stderr()).isTrue();
    return res;
  }

  /** Runs A then B; returns B's go output and B's report's comparison. */
  record Seen(String stderr, Prefetch.Other other) {}

  Seen aThenB(Runner a, Runner b) throws Exception {
    test(a);
    GoTool.Result r = test(b);
    String line = RemoteBuildTest.lastLine(b.local());
    Prefetch.Other other = BuildReport.parse(line).prefetch().other();
    assertThat(other).as(line).isNotNull();
    assertThat(other.runner()).isEqualTo(a.name());
    return new Seen(r.stderr(), other);
  }

  /** gocachectl compare of the two runners' last runs of the build, from the store. */
  Cli.Run compare(Runner a, Runner b, String... more) {
    ActionId key = BuildKey.of(List.of("test", "./..."), a.module(), Map.of());
    List<String> args = new ArrayList<>(List.of("compare", "--remote", url(), "--key", key.hex()));
    args.addAll(List.of(more));
    args.addAll(List.of(a.name(), b.name()));
    return Cli.run(
        Clock.systemUTC(), Map.of("PATH", System.getenv("PATH")), args.toArray(String[]::new));
  }

  @Test
  void anotherCheckoutPathWithoutTrimpathIsNamedWithItsRemedy() throws Exception {
    Runner a = runner("ra", module("ws-a"), Map.of());
    Runner b = runner("rb", module("other/ws-b"), Map.of());
    Seen s = aThenB(a, b);
    assertThat(s.other().differ()).containsExactly("module root");
    assertThat(s.other().notAsked()).isPositive();
    assertThat(s.stderr())
        .contains("gocachectl prog: runner ra's last run of this build used")
        .contains("module root " + b.module() + " vs " + a.module())
        .contains("-trimpath")
        .contains("[path]");
    Cli.Run c = compare(a, b);
    assertThat(c.exit()).as(c.err()).isEqualTo(1);
    assertThat(c.out())
        .contains("fingerprint: 1 field differs (A vs B)")
        .contains("module root " + a.module() + " vs " + b.module() + " [path]")
        .contains("Build with -trimpath");
    Cli.Run j = compare(a, b, "--json");
    assertThat(j.out()).contains("\"field\" : \"module root\"").contains("\"category\" : \"path\"");
  }

  @Test
  void anotherCompilerVersionIsNamed() throws Exception {
    Path m = module("ws");
    Path bin = Files.createDirectories(tmp.resolve("cc-bin"));
    Path gcc = bin.resolve("gcc");
    String real = GoEnv.isolated(tmp.resolve("h"), tmp.resolve("c")).env("CC");
    Path realGcc =
        dev.gocachectl.gotool.Executables.lookPath(real, System.getenv(), Path.of("/"))
            .orElseThrow();
    // the same compiler, reporting another version: go hashes the line, not the binary
    Files.writeString(
        gcc,
        "#!/bin/sh\n"
            + "case \" $* \" in *' -### '*) \""
            + realGcc
            + "\" \"$@\" 2>&1 | sed 's/ version [0-9][0-9.]*/ version 99.1.0/' >&2; exit 0;; esac\n"
            + "exec \""
            + realGcc
            + "\" \"$@\"\n");
    Files.setPosixFilePermissions(gcc, PosixFilePermissions.fromString("rwxr-xr-x"));
    Runner a = runner("ca", m, Map.of("CC", "gcc"));
    Runner b = runner("cb", m, Map.of("CC", "gcc", "PATH", bin + ":" + System.getenv("PATH")));
    Seen s = aThenB(a, b);
    assertThat(s.other().differ()).containsExactly("CC ID");
    assertThat(s.stderr())
        .contains("CC ID ")
        .contains("version 99.1.0")
        .contains("install the same compiler version on every runner")
        .contains("[cgo]");
    Cli.Run c = compare(a, b);
    assertThat(c.out()).containsPattern("CC ID .* vs .*version 99\\.1\\.0.* \\[cgo\\]");
  }

  @Test
  void anotherGorootIsNamed() throws Exception {
    Path m = module("ws");
    Path copy = copiedGoroot();
    Runner a = runner("ga", m, Map.of());
    Runner b0 = runner("gb", m, Map.of());
    Runner b =
        new Runner(
            b0.name(), m, b0.local(), GoTool.at(copy.resolve("bin/go"), b0.go().environment()));
    Seen s = aThenB(a, b);
    assertThat(s.other().differ()).containsExactly("GOROOT");
    assertThat(s.stderr())
        .contains("GOROOT " + copy + " vs ")
        .contains("install Go at one path on every runner")
        .contains("[toolchain]");
    Cli.Run c = compare(a, b);
    assertThat(c.out())
        .contains(" vs " + copy + " [toolchain]")
        .startsWith("compare ga (A) with gb (B)");
  }

  @Test
  void anotherGoflagsIsNamed() throws Exception {
    Path m = module("ws");
    Runner a = runner("fa", m, Map.of());
    Runner b = runner("fb", m, Map.of("GOFLAGS", "-buildvcs=false -gcflags=-N"));
    Seen s = aThenB(a, b);
    assertThat(s.other().differ()).containsExactly("GOFLAGS");
    assertThat(s.stderr())
        .contains("GOFLAGS -buildvcs=false -gcflags=-N vs -buildvcs=false")
        .contains("[flags]");
    assertThat(compare(a, b).out())
        .contains("GOFLAGS -buildvcs=false vs -buildvcs=false -gcflags=-N [flags]");
  }

  @Test
  void aChangedSourceFileIsNoEnvironmentDifference() throws Exception {
    Runner a = runner("sa", module("ws-s"), Map.of());
    test(a);
    saveCapture(a);
    Path plain = a.module().resolve("plain/plain.go");
    Files.writeString(plain, Files.readString(plain) + "\nfunc Extra() int { return 42 }\n");
    Runner b = runner("sb", a.module(), Map.of());
    GoTool.Result r = test(b);
    Prefetch.Other other =
        BuildReport.parse(RemoteBuildTest.lastLine(b.local())).prefetch().other();
    assertThat(other.runner()).isEqualTo("sa");
    assertThat(other.differ()).isEmpty();
    // the package, its test and its dependents: a few of many, no news on go's stderr
    assertThat(other.notAsked()).isPositive();
    assertThat(r.stderr()).doesNotContain("gocachectl prog: runner");
    saveCapture(b);
    Cli.Run c = compare(a, b);
    assertThat(c.exit()).as(c.err()).isEqualTo(1);
    assertThat(c.out())
        .contains("fingerprint: equal")
        .contains("root causes (explain):")
        .contains("plain.go");
  }

  /** explain --save-remote of the runner's build, with the runner's environment but no prog. */
  void saveCapture(Runner r) {
    Map<String, String> env = new HashMap<>(r.go().environment());
    env.remove("GOCACHEPROG");
    Cli.Run run =
        Cli.run(
            Clock.systemUTC(),
            env,
            "explain",
            "--save-remote",
            url(),
            "--dir",
            r.module().toString(),
            "--",
            "test",
            "./...");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err())
        .contains("saved the capture of runner " + r.name())
        .contains(BuildKey.of(List.of("test", "./..."), r.module(), Map.of()).hex());
  }

  @Test
  void identicalRunnersSayNothingDiffers() throws Exception {
    Path m = module("ws-same");
    Seen s = aThenB(runner("ia", m, Map.of()), runner("ib", m, Map.of()));
    assertThat(s.other().differ()).isEmpty();
    assertThat(s.stderr()).doesNotContain("gocachectl prog:");
    Cli.Run c = compare(runner("ia", m, Map.of()), runner("ib", m, Map.of()));
    assertThat(c.exit()).as(c.out()).isZero();
    assertThat(c.out()).contains("fingerprint: equal").contains("nothing differs");
  }

  /** A copy of this Go installation at another path, once per test run (hard links: no bytes). */
  static synchronized Path copiedGoroot() throws Exception {
    if (goroot == null) {
      String real = GoEnv.isolated(shared.resolve("h"), shared.resolve("c")).env("GOROOT");
      Path to = shared.resolve("opt/go");
      Files.createDirectories(to.getParent());
      Process p = new ProcessBuilder("cp", "-al", real, to.toString()).inheritIO().start();
      if (p.waitFor() != 0) {
        p = new ProcessBuilder("cp", "-a", real, to.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
      }
      goroot = to;
    }
    return goroot;
  }
}
