package dev.gocachectl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.mod.JsonTree;
import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.FixtureModules;
import dev.gocachectl.testing.ModWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mod commands end to end, in-process: text and JSON output, exit codes, usage errors. */
class ModCliTest {
  @TempDir static Path tmp;
  static ModWorld world;
  static Path consumer;

  @BeforeAll
  static void world() {
    world = new ModWorld(tmp);
    consumer =
        world.consumer(
            "consumer",
            List.of(
                FixtureModules.get("example.com/alpha@v1.1.0"),
                FixtureModules.get("example.com/delta/v2@v2.1.0")));
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  static Cli.Run run(Map<String, String> extra, String... args) {
    Map<String, String> env = new HashMap<>(world.env());
    env.putAll(extra);
    return Cli.run(Clock.systemUTC(), env, args);
  }

  static Cli.Run run(String... args) {
    return run(Map.of(), args);
  }

  @Test
  void verifyPrintsASummaryAndExitsZeroOnACleanCache() {
    Cli.Run r = run("mod", "verify", consumer.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .matches(
            "verified 2 module versions \\(2 zips, 2 trees, [0-9.]+ [KMG]?i?B hashed\\) in"
                + " [0-9.]+s: 0 problems(; 2 zips unchanged since an earlier clean run, not"
                + " inflated again)?\n");
  }

  @Test
  void verifyJsonHasTheDocumentedFields() throws IOException {
    Cli.Run r = run("mod", "verify", "--json");
    assertThat(r.exit()).isZero();
    Object json = JsonTree.parse(r.out());
    assertThat(JsonTree.string(json, "modCache")).isEqualTo(world.modCache.toString());
    Object summary = JsonTree.field(json, "summary");
    assertThat(((Map<?, ?>) summary).keySet().stream().map(String::valueOf).toList())
        .contains("problems", "counts", "versions", "zips", "trees", "bytesHashed", "seconds");
    assertThat(JsonTree.list(json, "findings")).isEmpty();
  }

  @Test
  void verifyFindsThenRepairsADamagedTree(@TempDir Path copy) throws IOException {
    Path cache = ModWorld.copyTree(world.modCache, copy.resolve("mod"));
    Path file = cache.resolve("example.com/alpha@v1.1.0/alpha.go");
    ModWorld.writable(file);
    file.toFile().setWritable(true);
    Files.writeString(file, "package alpha\n");
    Cli.Run found = run("mod", "verify", "--modcache", cache.toString());
    assertThat(found.exit()).isEqualTo(1);
    assertThat(found.out())
        .contains("tree-modified example.com/alpha@v1.1.0: tree hashes to h1:")
        .contains("modified example.com/alpha@v1.1.0/alpha.go")
        .contains(
            "go mod verify: example.com/alpha v1.1.0: dir has been modified ("
                + cache.resolve("example.com/alpha@v1.1.0")
                + ")")
        .contains("1 problem (1 tree-modified)")
        .contains("run 'gocachectl mod verify --repair'");
    Cli.Run repaired = run("mod", "verify", "--modcache", cache.toString(), "--repair");
    assertThat(repaired.exit()).isZero();
    assertThat(repaired.out()).contains("removed example.com/alpha@v1.1.0 (tree-modified)");
    assertThat(cache.resolve("example.com/alpha@v1.1.0")).doesNotExist();
    ModWorld.unlock(copy);
  }

  @Test
  void sumdbTextNamesTheDatabaseAndTheHeads() {
    Cli.Run r = run("mod", "sumdb", consumer.toString());
    assertThat(r.exit()).as(r.err() + r.out()).isZero();
    assertThat(r.out())
        .startsWith(
            "checksum database localhost.localdev/sumdb, "
                + world.proxyHttp.url()
                + "/sumdb/localhost.localdev/sumdb (through the proxy "
                + world.proxyHttp.url()
                + ")\n")
        .contains("checked 4 go.sum lines in");
  }

  @Test
  void usageAndIoErrorsExitTwoWithAMessageThatSaysWhatToDo() {
    Cli.Run noSub = run("mod");
    assertThat(noSub.exit()).isEqualTo(2);
    assertThat(noSub.err()).contains("missing subcommand: verify, sumdb or mirrors");
    Cli.Run noCache = run("mod", "verify", "--modcache", tmp.resolve("nowhere").toString());
    assertThat(noCache.exit()).isEqualTo(2);
    assertThat(noCache.err())
        .contains("nowhere: no module cache here; check GOMODCACHE or pass --modcache DIR");
    Cli.Run noModule = run("mod", "sumdb", tmp.toString());
    assertThat(noModule.exit()).isEqualTo(2);
    assertThat(noModule.err()).contains("go.mod: no go.mod here");
    Cli.Run noProxy = run("mod", "mirrors", consumer.toString());
    assertThat(noProxy.exit()).isEqualTo(2);
    assertThat(noProxy.err()).contains("Missing required option: '--proxy=URL'");
    Cli.Run badSumdb = run(Map.of("GOSUMDB", "nokey+zz+zz"), "mod", "sumdb", consumer.toString());
    assertThat(badSumdb.exit()).isEqualTo(2);
    assertThat(badSumdb.err()).contains("invalid GOSUMDB: malformed verifier id; fix GOSUMDB");
    for (List<String> sub :
        List.of(List.of("sumdb"), List.of("mirrors", "--proxy", "http://127.0.0.1:1"))) {
      List<String> args = new java.util.ArrayList<>(List.of("mod"));
      args.addAll(sub);
      args.addAll(List.of("--timeout", "0", consumer.toString()));
      Cli.Run zero = run(args.toArray(String[]::new));
      assertThat(zero.exit()).as(zero.err()).isEqualTo(2);
      assertThat(zero.err())
          .contains("'--timeout'")
          .contains("0 would give every request no time at all; give a duration like 30s")
          .doesNotContain("PT0S");
    }
  }

  @Test
  void anUnreachableDatabaseIsAnErrorNamingTheUrl() {
    String dead = "http://127.0.0.1:1";
    Cli.Run r =
        run(
            Map.of("GOSUMDB", world.env().get("GOSUMDB") + " " + dead),
            "mod",
            "sumdb",
            "--timeout",
            "5s",
            consumer.toString());
    assertThat(r.exit()).as(r.out()).isEqualTo(2);
    assertThat(r.out()).contains("GET " + dead + "/latest");
  }
}
