package dev.gocachectl.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The explain and hits commands in-process: modes, output, exit codes, errors. */
class ExplainCliTest {
  static final String P = ScenarioModule.PATH;

  @TempDir static Path work;
  static GoTool go;
  static Path module;

  @BeforeAll
  static void setUp() {
    go = ScenarioModule.go(work);
    module = ScenarioModule.write(work.resolve("m"));
  }

  static Cli.Run run(String... args) {
    return Cli.run(Clock.systemUTC(), go.environment(), args);
  }

  @Test
  void runModeGroupsByCauseAndExitsOne() {
    Cli.Run r =
        run(
            "explain",
            "--env-a",
            "CGO_CFLAGS=-I/usr/local/include",
            "--env-b",
            "CGO_CFLAGS=-I/usr/include",
            "--dir-a",
            module.toString(),
            "--dir-b",
            module.toString(),
            "--",
            "build",
            "./d");
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("B: go build ./d in " + module + " with CGO_CFLAGS=-I/usr/include")
        .contains(
            "[cgo] CGO_CFLAGS differs (`-I/usr/local/include` vs `-I/usr/include`): 2 packages,")
        .contains("compile runtime/cgo, compile " + P + "/c (C compiler flags)")
        .contains("changes what is compiled");
    assertThat(r.err()).contains("gocachectl explain: A: go build ./d");
  }

  @Test
  void identicalRunsExitZeroAndJsonSaysSo() {
    Cli.Run r =
        run(
            "explain",
            "--json",
            "--dir-a",
            module.toString(),
            "--dir-b",
            module.toString(),
            "--",
            "build",
            "./a",
            "./b");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("\"differs\" : false")
        .contains("\"actionsCompared\" : 2")
        .contains("\"rootCauses\" : [ ]");
  }

  @Test
  void saveThenCompareFilesWithJson() throws IOException {
    Path a = work.resolve("a.manifest.gz");
    Path b = work.resolve("b.manifest");
    Cli.Run ra =
        run(
            "explain",
            "--save",
            a.toString(),
            "--dir",
            module.toString(),
            "--",
            "build",
            "./a",
            "./b");
    assertThat(ra.exit()).as(ra.err()).isZero();
    assertThat(ra.out())
        .startsWith("captured 2 actions (2 compile) from go build ./a ./b in " + module)
        .contains("saved " + a);
    Cli.Run rb =
        run(
            "explain",
            "--save",
            b.toString(),
            "--env",
            "GOAMD64=v2",
            "--dir",
            module.toString(),
            "--",
            "build",
            "./a",
            "./b");
    assertThat(rb.exit()).as(rb.err()).isZero();
    Cli.Run cmp = run("explain", "--json", a.toString(), b.toString());
    assertThat(cmp.exit()).as(cmp.err()).isEqualTo(1);
    assertThat(cmp.out())
        .contains("\"category\" : \"target\"")
        .contains("\"subject\" : \"GOAMD64\"")
        .contains("\"valueA\" : \"v1\"")
        .contains("\"valueB\" : \"v2\"")
        .contains("\"lineA\" : \"GOAMD64=v1\"")
        .contains("\"package\" : \"" + P + "/a\"")
        .contains("\"mode\" : \"compile\"")
        .contains("\"downstream\" : 0")
        .contains("\"differing\" : 2");
    assertThat(Files.readString(b)).startsWith("gocachectl manifest 1\n");
  }

  @Test
  void readsACapturedLog() throws IOException {
    Path log = work.resolve("ci.log");
    GoTool.Result r =
        go.withEnv(Map.of("GODEBUG", "gocachehash=1")).run(module, List.of("build", "./a", "./b"));
    Files.writeString(log, r.stderr());
    Cli.Run c = run("explain", "--log", log.toString());
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(c.out()).startsWith("captured 2 actions (2 compile) from " + log);
  }

  @Test
  void usageAndInputErrorsExitTwo() throws IOException {
    assertError(run("explain"), "give two captures (explain A B) or a go command after --");
    assertError(run("explain", "x", "y", "--", "build"), "explain A B compares two captures");
    assertError(run("explain", "--env-a", "CGO", "--", "build"), "--env-a expects NAME=VALUE");
    assertError(
        run("explain", "--save", "f", "--env-a", "A=1", "--", "build"), "--save-a and --save-b");
    assertError(
        run("explain", "--dir-a", "/no/such/dir", "--", "build"),
        "--dir-a /no/such/dir: no such directory");
    assertError(run("explain", work.resolve("nope1").toString(), "x"), "nope1: no such file");
    Path bad = Files.writeString(work.resolve("bad.log"), "HASH[build x]\nHASH[build x]: 12\n");
    assertError(
        run("explain", bad.toString(), bad.toString()), bad + ":2: malformed gocachehash line");
    assertError(run("hits"), "give the go command after --");
    assertError(
        run("explain", "--baseline", "b", "--", "build"), "--baseline goes with --against-cache");
    assertError(run("explain", "--save", "s", "x", "y"), "explain A B compares saved ones");
  }

  @Test
  @Timeout(120) // a FIFO once blocked the read forever
  void whatIsNotARegularFileOrIsMissingIsNamed() throws Exception {
    Path log = work.resolve("one.log");
    Files.writeString(
        log,
        go.withEnv(Map.of("GODEBUG", "gocachehash=1"))
            .run(module, List.of("build", "./a"))
            .stderr());
    Path fifo = work.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    assertError(run("explain", log.toString(), fifo.toString()), fifo + ": is not a regular file");
    Path dir = Files.createDirectories(work.resolve("dir"));
    assertError(
        run("explain", log.toString(), dir.toString()),
        dir + ": is a directory; expected a capture");
    assertError(run("explain", "--log", dir.toString()), dir + ": is a directory");
    Cli.Run json = run("explain", "--json", log.toString(), dir.toString());
    assertThat(json.exit()).isEqualTo(2);
    assertThat(json.out() + json.err())
        .contains("\"kind\" : \"failure\"")
        .contains(dir + ": is a directory");
    assertError(
        run("explain", log.toString()),
        "only " + log + " is given: add the second capture, or read one with explain --log");
    Cli.Run save =
        run(
            "explain",
            "--save",
            "/nonexistent/x",
            "--dir",
            module.toString(),
            "--",
            "build",
            "./a");
    assertError(save, "--save /nonexistent/x: /nonexistent is not a directory");
    assertThat(save.err()).doesNotContain("go build");
  }

  private static void assertError(Cli.Run r, String message) {
    assertThat(r.exit()).as(r.out()).isEqualTo(2);
    assertThat(r.err()).contains(message);
  }

  @Test
  void againstCacheExitsOneWhenSomethingWouldMiss() throws IOException {
    Path m = ScenarioModule.write(work.resolve("check"));
    Cli.Run built = run("hits", "--dir", m.toString(), "--", "build", "./b");
    assertThat(built.exit()).as(built.err()).isZero();
    Cli.Run clean = run("explain", "--against-cache", "--dir", m.toString(), "--", "build", "./b");
    assertThat(clean.exit()).as(clean.err()).isZero();
    assertThat(clean.out()).contains("0 of 2 compile actions would miss");
    Files.writeString(m.resolve("a/a.go"), "package a\n\nfunc A() int { return 7 }\n");
    Cli.Run r =
        run(
            "explain",
            "--against-cache",
            "--dir",
            m.toString(),
            "--",
            "build",
            "-o",
            "/dev/null",
            "./b");
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("2 of 2 compile actions would miss")
        .contains("not-in-cache (1)")
        .contains("  compile " + P + "/a\n")
        .contains("  compile " + P + "/b (after " + P + "/a)");
  }

  @Test
  void hitsCountsPerMode() {
    Path m = ScenarioModule.write(work.resolve("hits"));
    Cli.Run cold = run("hits", "--json", "--dir", m.toString(), "--", "build", "./a", "./b");
    assertThat(cold.exit()).as(cold.err()).isZero();
    assertThat(cold.out())
        .contains("\"ran\" : 2")
        .contains("\"ranPackages\" : [ \"" + P + "/a\", \"" + P + "/b\" ]");
    Cli.Run warm = run("hits", "--dir", m.toString(), "--", "build", "./a", "./b");
    Cli.Run test = run("hits", "--dir", m.toString(), "--", "test", "./t");
    assertThat(test.out())
        .containsPattern("test +0 +1 +0 +0.0%")
        .contains("test ran (1 action, 1 package):\n  " + P + "/t");
    // -json runs the test binary with -test.v=test2json, another test ID: it runs once more.
    run("hits", "--dir", m.toString(), "--", "test", "-json", "./t");
    Cli.Run cachedTest = run("hits", "--json", "--dir", m.toString(), "--", "test", "-json", "./t");
    assertThat(cachedTest.out())
        .containsPattern("\"test\" : \\{\\s+\"actions\" : 1,\\s+\"cached\" : 1,");
    Cli.Run vet = run("hits", "--dir", m.toString(), "--", "vet", "./b");
    assertThat(vet.out())
        .containsPattern("vet +\\d+ +2 +0 ")
        .contains("vet ran (2 actions, 2 packages):");
    assertThat(warm.out())
        .isEqualTo(
            "go build ./a ./b (exit 0)\n"
                + "mode       cached      ran   failed  hit rate\n"
                + "compile         2        0        0    100.0%\n");
  }
}
