package dev.gocachectl.mod.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.mod.JsonTree;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.FixtureModules;
import dev.gocachectl.testing.FixtureVersion;
import dev.gocachectl.testing.ModWorld;
import dev.gocachectl.testing.SumdbServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mod sumdb on a module the real go resolved through the fixture proxy and checksum database
 * (reached through the proxy's /sumdb/ path, as go finds it), then with the database or go.sum made
 * to lie: go is asked each time too, and must fail where gocachectl reports a problem.
 */
class ModSumdbRealGoTest {
  static final List<String> DEPS =
      List.of(
          "example.com/alpha@v1.1.0",
          "example.com/Upper/beta@v1.2.0",
          "example.com/gamma@v2.0.0+incompatible");

  @TempDir Path tmp;
  ModWorld world;
  Path consumer;

  @BeforeEach
  void download() {
    world = new ModWorld(tmp);
    consumer = world.consumer("consumer", DEPS.stream().map(FixtureModules::get).toList());
  }

  @AfterEach
  void stop() {
    world.close();
  }

  Cli.Run sumdb(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new HashMap<>(world.env());
    env.putAll(extraEnv);
    List<String> argv = new ArrayList<>(List.of("mod", "sumdb", "--json"));
    argv.addAll(List.of(args));
    argv.add(consumer.toString());
    return Cli.run(Clock.systemUTC(), env, argv.toArray(String[]::new));
  }

  static Map<String, Integer> counts(Cli.Run r) throws IOException {
    Object json = JsonTree.parse(r.out());
    Map<String, Integer> out = new HashMap<>();
    ((Map<?, ?>) JsonTree.field(json, "counts"))
        .forEach(
            (k, v) -> {
              if (((Number) v).intValue() > 0) {
                out.put((String) k, ((Number) v).intValue());
              }
            });
    return out;
  }

  /**
   * go downloads {@code what} into a fresh module cache, from a module without go.sum (so go must
   * ask the checksum database), sharing this world's GOPATH and so the stored tree head.
   */
  GoTool.Result goDownload(String what) throws IOException {
    Path probe = Files.createDirectories(tmp.resolve("probe-" + System.nanoTime()));
    Files.writeString(probe.resolve("go.mod"), "module example.com/probe\n\ngo 1.21\n");
    Path fresh = tmp.resolve("fresh-" + System.nanoTime());
    return world
        .go(Map.of("GOMODCACHE", fresh.toString()))
        .run(probe, List.of("mod", "download", what));
  }

  @Test
  void everyLineIsInTheSignedLogOnlineAndOffline() throws IOException {
    Cli.Run online = sumdb(Map.of());
    assertThat(online.exit()).as(online.err() + online.out()).isZero();
    assertThat(counts(online)).containsExactly(Map.entry("ok", 2 * DEPS.size()));
    assertThat(JsonTree.string(JsonTree.parse(online.out()), "endpoint"))
        .contains("through the proxy");
    Cli.Run offline = sumdb(Map.of(), "--offline");
    assertThat(offline.exit()).as(offline.out()).isZero();
    assertThat(counts(offline)).containsExactly(Map.entry("ok", 2 * DEPS.size()));
    assertThat(JsonTree.field(JsonTree.parse(offline.out()), "storedHead")).isNotNull();
  }

  @Test
  void aGoSumLineTheDatabaseDidNotSignIsAMismatch() throws IOException {
    Path sum = consumer.resolve("go.sum");
    String h = FixtureModules.get("example.com/Upper/beta@v1.2.0").zipH1().text();
    Files.writeString(
        sum, Files.readString(sum).replace(h, "h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB="));
    Cli.Run r = sumdb(Map.of());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(counts(r)).containsEntry("mismatch", 1).containsEntry("ok", 2 * DEPS.size() - 1);
    Path fresh = tmp.resolve("fresh");
    GoTool.Result go =
        world
            .go(Map.of("GOMODCACHE", fresh.toString()))
            .run(consumer, List.of("mod", "download", "example.com/Upper/beta"));
    assertThat(go.ok()).isFalse();
    assertThat(go.stderr()).contains("checksum mismatch").contains("SECURITY ERROR");
  }

  @Test
  void forgedSignaturesAreRefusedLikeGoRefusesThem() throws IOException {
    world.sumdb.forgeSignatures(true);
    deleteCachedLookups();
    Cli.Run r = sumdb(Map.of());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(counts(r)).containsKey("bad-signature").doesNotContainKey("ok");
    GoTool.Result go = goDownload("example.com/alpha@v1.1.0");
    assertThat(go.ok()).isFalse();
    assertThat(go.stderr()).contains("invalid signature");
  }

  @Test
  void aForkedLogIsAnAlarm() throws IOException {
    List<String[]> others = new ArrayList<>();
    others.add(
        new String[] {
          "example.com/evil@v1.0.0",
          "example.com/evil v1.0.0 h1:EEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE=\n"
        });
    for (FixtureVersion v : FixtureModules.all()) {
      others.add(new String[] {v.key(), v.record()});
    }
    world.sumdb.fork(2, others);
    deleteCachedLookups();
    Cli.Run r = sumdb(Map.of());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(counts(r)).containsKey("fork");
    assertThat(r.out()).contains("server misbehavior detected");
    GoTool.Result go = goDownload("example.com/Upper/beta@v1.2.0");
    assertThat(go.ok()).isFalse();
    // go checks its stored head against the server's tiles first: the fork's tiles cannot
    // reproduce it.
    assertThat(go.stderr()).contains("checking tree#6: downloaded inconsistent tile");
  }

  @Test
  void aVersionTheDatabaseDoesNotHaveIsNotFound() throws IOException {
    FixtureVersion late =
        new FixtureVersion(
            ModuleVersion.parse("example.com/alpha@v1.2.0").orElseThrow(),
            Map.of(
                "go.mod",
                "module example.com/alpha\n",
                "alpha.go",
                "package alpha\n\nconst V = 7\n"),
            FixtureModules.T0,
            List.of());
    world.proxy.publish(late);
    Path sum = consumer.resolve("go.sum");
    Files.writeString(sum, Files.readString(sum) + late.record());
    Cli.Run r = sumdb(Map.of());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(counts(r)).containsEntry("not-found", 2);
    GoTool.Result go = goDownload("example.com/alpha@v1.2.0");
    assertThat(go.ok()).isFalse();
    assertThat(go.stderr()).contains("404");
  }

  @Test
  void aDatabaseAnsweringFromAnOlderTreeIsStaleNotForked() throws IOException {
    // The stored head is tree 6; the database now answers from tree 3 (as a lagging mirror of it
    // would): consistent, so harmless, but the records beyond 3 are not found.
    world.sumdb.lagTo(3);
    deleteCachedLookups();
    Cli.Run r = sumdb(Map.of());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(counts(r))
        .containsEntry("stale-head", 1)
        .containsEntry("not-found", 2)
        .containsEntry("ok", 4)
        .doesNotContainKey("fork");
  }

  @Test
  void gonosumdbAndOffSkip() throws IOException {
    Cli.Run r = sumdb(Map.of("GONOSUMDB", "example.com/Upper"));
    assertThat(r.exit()).isZero();
    assertThat(counts(r)).containsEntry("skipped", 2).containsEntry("ok", 2 * DEPS.size() - 2);
    Cli.Run priv = sumdb(Map.of("GOPRIVATE", "example.com/gamma"));
    assertThat(counts(priv)).containsEntry("skipped", 2);
    Cli.Run off = sumdb(Map.of("GOSUMDB", "off"));
    assertThat(off.exit()).isZero();
    assertThat(counts(off)).containsExactly(Map.entry("skipped", 2 * DEPS.size()));
  }

  @Test
  void tilesThatContradictTheSignedHeadAreCaught() throws IOException {
    world.sumdb.tamperTiles(true);
    deleteCachedLookups();
    deleteTree(world.modCache.resolve("cache/download/sumdb"));
    Cli.Run r = sumdb(Map.of());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(counts(r)).containsKey("inclusion-failed").doesNotContainKey("ok");
    assertThat(r.out()).contains("downloaded inconsistent tile");
  }

  void deleteCachedLookups() throws IOException {
    deleteTree(
        world.modCache.resolve("cache/download/sumdb").resolve(SumdbServer.NAME).resolve("lookup"));
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    ModWorld.unlock(p);
    try (var s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
