package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheSnapshot;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.hits.ActionGraph;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.RemoteStores;
import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.FixtureModule;
import dev.gocachectl.testing.GoEnv;
import dev.gocachectl.testing.TcpProxy;
import dev.gocachectl.verify.Verifier;
import dev.gocachectl.verify.VerifyOptions;
import dev.gocachectl.verify.VerifyProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote tiers with the real go toolchain and a real server: a build from an empty local tier
 * fills the remote, a build from another empty local tier is served by it; a corrupted blob and the
 * server dying mid-build never fail a build and never put a bad byte in the local tier. One
 * subclass per backend.
 */
@Timeout(300)
abstract class RemoteBuildTest {
  @TempDir Path tmp;
  Path module;
  Backend backend;

  /** The server under test. */
  interface Backend extends AutoCloseable {
    /** The URL for --remote, reaching the server on {@code port} (its own, or a proxy's). */
    String url(int port);

    int port();

    Map<String, String> env();

    void stop();

    /** Makes the server hand out wrong bytes for a stored output. */
    void corrupt(OutputId out, Path original) throws IOException;

    /**
     * The usual corruption: the store is asked, through its own client, to keep garbage of the same
     * length under the output's name (S3 and Redis store what they are given).
     */
    default void overwrite(OutputId out, Path original) throws IOException {
      byte[] garbage = Files.readAllBytes(original);
      for (int i = 0; i < garbage.length; i += 4096) {
        garbage[i] ^= 0x5a;
      }
      Path f = Files.createTempFile("garbage", "");
      try (RemoteStore s = RemoteStores.open(url(port()), RemoteOptions.defaults(), env())) {
        Files.write(f, garbage);
        s.putOutput(out, f, garbage.length);
      } finally {
        Files.deleteIfExists(f);
      }
    }

    /**
     * The counter a corrupted blob shows up in: verifyFailed when the store serves the bad bytes
     * and the tier's check refuses them; a store that checks its own files fails the request
     * instead.
     */
    default String corruptionCounter() {
      return "verifyFailed";
    }

    @Override
    void close();
  }

  abstract Backend start() throws IOException;

  @BeforeEach
  void setUp() throws IOException {
    backend = start();
    module = FixtureModule.write(tmp.resolve("mod")).dir();
  }

  @AfterEach
  void tearDown() {
    backend.close();
  }

  GoTool go(Path local, int port, String... flags) throws IOException {
    List<String> prog = new ArrayList<>(ProgProcess.commandWithDependencies());
    prog.addAll(List.of("--dir", local.toString(), "--remote", backend.url(port)));
    prog.addAll(List.of("--remote-timeout", "2s", "--producer", "test"));
    prog.addAll(List.of(flags));
    Map<String, String> env = new HashMap<>(backend.env());
    env.put("GOCACHEPROG", String.join(" ", prog));
    return GoEnv.isolated(tmp.resolve("home"), Files.createDirectories(tmp.resolve("gocache")))
        .withEnv(env);
  }

  GoTool go(Path local, String... flags) throws IOException {
    return go(local, backend.port(), flags);
  }

  /** Runs go build ./plain; returns the compile actions that ran. */
  List<ActionGraph.Action> build(GoTool go) throws IOException {
    Path graph = tmp.resolve("graph-" + System.nanoTime() + ".json");
    GoTool.Result r = go.run(module, List.of("build", "-debug-actiongraph=" + graph, "./plain"));
    assertThat(r.ok()).as(r.stderr()).isTrue();
    return ActionGraph.read(graph).stream()
        .filter(a -> a.ran() && a.mode().equals("build"))
        .toList();
  }

  Path fresh(String name) throws IOException {
    return Files.createDirectories(tmp.resolve(name));
  }

  static StatsLogReader.Entry lastReport(Path local) throws IOException {
    return StatsLogReader.read(CacheDir.open(local)).entries().getLast();
  }

  static void assertNoBadBytes(Path local) throws IOException {
    var r =
        new Verifier(new VerifyOptions(2, Duration.ZERO, Duration.ZERO), Clock.systemUTC())
            .verify(CacheDir.open(local), VerifyProgress.NONE);
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void aBuildFromAnEmptyLocalTierIsServedByTheRemote() throws IOException {
    Path a = fresh("a");
    int compiledFirst = build(go(a)).size();
    assertThat(compiledFirst).isGreaterThan(5);
    String first = Files.readString(StatsLog.file(CacheDir.open(a)));
    assertThat(first).contains("\"pendingUploads\":0").doesNotContain("\"uploaded\":0,");

    Path b = fresh("b");
    assertThat(build(go(b))).isEmpty();
    StatsLogReader.Entry r = lastReport(b);
    assertThat(r.get("remoteHits")).isGreaterThanOrEqualTo(compiledFirst);
    StatsLogReader.Tier tier = r.remotes().getFirst();
    assertThat(tier.get("hits")).isEqualTo(r.get("remoteHits"));
    assertThat(Cli.run("prog", "stats", "--dir", b.toString()).out())
        .contains("remote " + tier.name() + ": " + tier.get("hits") + " of " + tier.get("gets"));
    assertNoBadBytes(b);
  }

  @Test
  void aCorruptedBlobIsNeverServed() throws IOException {
    Path a = fresh("a");
    build(go(a));
    CacheSnapshot.Output largest =
        CacheSnapshot.take(CacheDir.open(a), 2).outputs().values().stream()
            .max(Comparator.comparingLong(CacheSnapshot.Output::size))
            .orElseThrow();
    assertThat(largest.size()).isGreaterThan(64 * 1024); // travels apart from its record
    backend.corrupt(largest.id(), largest.path());

    Path b = fresh("b");
    List<ActionGraph.Action> compiled = build(go(b));
    assertThat(compiled).hasSize(1); // the one whose output was bad, rebuilt
    String log = Files.readString(StatsLog.file(CacheDir.open(b)));
    assertThat(log).containsPattern("\"" + backend.corruptionCounter() + "\":[1-9]");
    assertNoBadBytes(b);
  }

  @Test
  void theServerDyingMidBuildDoesNotFailIt() throws IOException {
    build(go(fresh("a")));
    try (TcpProxy proxy = TcpProxy.to(backend.port())) {
      proxy.whenClientsSent(4096, bytes -> backend.stop());
      Path b = fresh("b");
      build(go(b, proxy.port()));
      String log = Files.readString(StatsLog.file(CacheDir.open(b)));
      assertThat(log).containsPattern("\"(errors|timeouts|refused)\":[1-9]");
      assertThat(lastReport(b).get("remoteHits")).isGreaterThan(0);
      assertNoBadBytes(b);
    }
  }
}
