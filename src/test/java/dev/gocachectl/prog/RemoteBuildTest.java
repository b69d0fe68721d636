package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheSnapshot;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.hits.ActionGraph;
import dev.gocachectl.remote.ActionRecord;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.stores.RemoteStores;
import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.FixtureModule;
import dev.gocachectl.testing.GoEnv;
import dev.gocachectl.testing.TcpProxy;
import dev.gocachectl.verify.Verifier;
import dev.gocachectl.verify.VerifyOptions;
import dev.gocachectl.verify.VerifyProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.Tag;
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
    return goWith(local, backend.url(port), flags);
  }

  /** go with prog on {@code local} and the remote at {@code remoteUrl}. */
  GoTool goWith(Path local, String remoteUrl, String... flags) throws IOException {
    List<String> prog = new ArrayList<>(ProgProcess.commandWithDependencies());
    prog.addAll(List.of("--dir", local.toString(), "--remote", remoteUrl));
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

  /** The last {@link #build}'s go command: its standard error carries prog's messages. */
  GoTool.Result lastBuild;

  /** Runs go build ./plain; returns the compile actions that ran. */
  List<ActionGraph.Action> build(GoTool go) throws IOException {
    Path graph = tmp.resolve("graph-" + System.nanoTime() + ".json");
    GoTool.Result r = go.run(module, List.of("build", "-debug-actiongraph=" + graph, "./plain"));
    assertThat(r.ok()).as(r.stderr()).isTrue();
    lastBuild = r;
    return ActionGraph.read(graph).stream()
        .filter(a -> a.ran() && a.mode().equals("build"))
        .toList();
  }

  /**
   * Runs go build ./plain with the same command line every time (a run's manifest is found by the
   * next only then); returns the compile actions that ran.
   */
  List<ActionGraph.Action> sameBuild(GoTool go) throws IOException {
    GoTool.Result r = sameRun(go);
    assertThat(r.ok()).as(r.stderr()).isTrue();
    return ActionGraph.read(tmp.resolve("graph.json")).stream()
        .filter(a -> a.ran() && a.mode().equals("build"))
        .toList();
  }

  GoTool.Result sameRun(GoTool go) throws IOException {
    Path graph = tmp.resolve("graph.json");
    Files.deleteIfExists(graph);
    return go.run(module, List.of("build", "-debug-actiongraph=" + graph, "./plain"));
  }

  static String lastLine(Path local) throws IOException {
    List<String> lines = Files.readAllLines(StatsLog.file(CacheDir.open(local)));
    return lines.getLast();
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

  /** The real-backend build scenario of the quick run (on Redis; S3 and bazel-remote are slow). */
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
  @Tag("slow")
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
    // said on go's standard error and in the report, not only counted
    assertThat(log).containsPattern("\"firstFailure\":\"[^\"]*" + largest.id().hex());
    assertThat(lastBuild.stderr())
        .containsPattern("gocachectl prog: remote .+: (verifyFailed|errors)=1")
        .containsPattern("; first: .*" + largest.id().hex());
    assertNoBadBytes(b);
  }

  @Test
  @Tag("slow")
  void theServerDyingMidBuildDoesNotFailIt() throws IOException {
    build(go(fresh("a")));
    try (TcpProxy proxy = TcpProxy.to(backend.port())) {
      proxy.whenClientsSent(4096, bytes -> backend.stop());
      Path b = fresh("b");
      build(go(b, proxy.port()));
      String log = Files.readString(StatsLog.file(CacheDir.open(b)));
      assertThat(log).containsPattern("\"(errors|timeouts|refused)\":[1-9]");
      // said on go's standard error, not only counted: which remote, how, and what it said first
      assertThat(lastBuild.stderr())
          .containsPattern("gocachectl prog: remote .+: .*(errors|timeouts|refused)=[1-9]")
          .contains("; first: ");
      assertThat(log).contains("\"firstFailure\":\"");
      assertThat(lastReport(b).get("remoteHits")).isGreaterThan(0);
      assertNoBadBytes(b);
    }
  }

  @Test
  @Tag("slow")
  void theNextRunOfTheSameCommandIsFetchedAhead() throws IOException {
    Path a = fresh("a");
    int compiled = sameBuild(go(a)).size();
    assertThat(compiled).isGreaterThan(5);
    assertThat(lastLine(a)).contains("\"manifest\":\"none\"").contains("\"wrote\":true");
    StatsLogReader.Entry first = lastReport(a);

    Path b = fresh("b");
    assertThat(sameBuild(go(b))).isEmpty();
    StatsLogReader.Entry r = lastReport(b);
    // a cold run puts more than a warm one asks for: b's manifest replaces a's
    assertThat(lastLine(b)).contains("\"manifest\":\"found\"");
    assertThat(r.get("prefetch.listed"))
        .isGreaterThanOrEqualTo(compiled)
        .isLessThanOrEqualTo(first.get("hits") + first.get("puts"));
    // gets answered from copies fetched ahead count as remote hits, of their tier
    assertThat(r.get("prefetch.used")).isPositive().isLessThanOrEqualTo(r.get("remoteHits"));
    assertThat(r.get("prefetch.fetched")).isGreaterThanOrEqualTo(r.get("prefetch.used"));
    assertThat(r.remotes().getFirst().get("hits")).isGreaterThanOrEqualTo(r.get("remoteHits"));
    assertThat(Cli.run("prog", "stats", "--dir", b.toString()).out())
        .contains(
            "prefetch: "
                + r.get("prefetch.used")
                + " gets answered by "
                + r.get("prefetch.fetched")
                + " actions fetched ahead; 1 of 1 invocations found a manifest");
    assertNoBadBytes(b);

    // the same actions as b's: the manifest is not written again
    Path c = fresh("c");
    assertThat(sameBuild(go(c, "--prefetch", "1"))).isEmpty();
    assertThat(lastLine(c)).contains("\"manifest\":\"found\"").contains("\"wrote\":false");
    // without prefetching, none is used
    Path d = fresh("d");
    assertThat(sameBuild(go(d, "--prefetch", "0"))).isEmpty();
    assertThat(lastLine(d)).doesNotContain("\"prefetch\"");
    assertThat(lastReport(d).get("remoteHits")).isGreaterThanOrEqualTo(r.get("remoteHits"));
  }

  @Test
  @Tag("slow")
  void aHostileOrStaleManifestCostsLookupsButNeverABuild() throws IOException {
    Path a = fresh("a");
    sameBuild(go(a));
    ActionId key = manifestKey(a);

    // bytes that hash right but are no manifest
    storeManifest(key, "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.US_ASCII));
    Path b = fresh("b");
    GoTool.Result r = sameRun(go(b));
    assertThat(r.ok()).as(r.stderr()).isTrue();
    assertThat(r.stderr())
        .contains("ignoring the build manifest " + key.hex())
        .contains("not a build manifest");
    assertThat(lastLine(b)).contains("\"manifest\":\"malformed\"").contains("\"wrote\":true");
    assertThat(lastReport(b).get("remoteHits")).isPositive();

    // a well-formed manifest of actions nobody has: the prefetch gives up, the build goes on
    List<ActionId> unknown = unknownActions(3 * Prefetch.STALE_AFTER);
    storeManifest(key, new BuildManifest(unknown).encode());
    Path c = fresh("c");
    assertThat(sameBuild(go(c))).isEmpty();
    StatsLogReader.Entry stale = lastReport(c);
    assertThat(lastLine(c)).contains("\"stale\":true").contains("\"wrote\":true");
    assertThat(stale.get("prefetch.listed")).isEqualTo(unknown.size());
    assertThat(stale.get("prefetch.fetched")).isZero();
    assertThat(stale.remotes().getFirst().get("misses"))
        .isLessThan(unknown.size()); // stopped early, not all asked
    assertNoBadBytes(c);
  }

  @Test
  @Tag("slow")
  void noManifestIsWrittenReadOnlyNorOverOneThatCouldNotBeRead() throws IOException {
    Path a = fresh("a");
    sameBuild(go(a));
    ActionId key = manifestKey(a);
    List<ActionId> unknown = unknownActions(3 * Prefetch.STALE_AFTER);
    storeManifest(key, new BuildManifest(unknown).encode());

    // read-only: the stale manifest is found and left as it is, here and in the remote
    Path b = fresh("b");
    assertThat(sameBuild(go(b, "--read-only"))).isEmpty();
    assertThat(lastLine(b)).contains("\"manifest\":\"found\"").contains("\"wrote\":false");
    assertThatThrownBy(() -> manifestKey(b)).hasMessageContaining("no build manifest");
    Path c = fresh("c");
    assertThat(sameBuild(go(c))).isEmpty();
    assertThat(lastReport(c).get("prefetch.listed")).isEqualTo(unknown.size());
    assertThat(lastLine(c)).contains("\"wrote\":true");

    // the remote down: whatever it holds may be good, so no new manifest replaces it
    backend.stop();
    Path d = fresh("d");
    GoTool.Result r = sameRun(go(d));
    assertThat(r.ok()).as(r.stderr()).isTrue();
    assertThat(lastLine(d)).contains("\"manifest\":\"unavailable\"").contains("\"wrote\":false");
    assertThatThrownBy(() -> manifestKey(d)).hasMessageContaining("no build manifest");
  }

  static List<ActionId> unknownActions(int n) {
    List<ActionId> unknown = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      unknown.add(new ActionId(Hash.sha256(("unknown " + i).getBytes(StandardCharsets.UTF_8))));
    }
    return unknown;
  }

  /**
   * The build key under which a's run stored its manifest, found in a's local tier: of the
   * manifests there (the build's, the runner's copy of it, the runner's latest), the one whose
   * runner copy is there too.
   */
  static ActionId manifestKey(Path local) throws IOException {
    CacheSnapshot snap = CacheSnapshot.take(CacheDir.open(local), 2);
    java.util.Set<ActionId> manifests = new java.util.HashSet<>();
    for (CacheSnapshot.Action act : snap.actions()) {
      CacheSnapshot.Output out = snap.outputs().get(act.entry().output());
      if (out != null
          && !out.dir()
          && new String(Files.readAllBytes(out.path()), StandardCharsets.ISO_8859_1)
              .startsWith("gocachectl-manifest ")) {
        manifests.add(act.id());
      }
    }
    String runner = RunnerName.of(Map.of());
    for (ActionId k : manifests) {
      if (manifests.contains(BuildKey.forRunner(k, runner))) {
        return k;
      }
    }
    throw new AssertionError("no build manifest in " + local);
  }

  /** Stores bytes as the manifest of {@code key}, through the store's own client. */
  void storeManifest(ActionId key, byte[] bytes) throws IOException {
    OutputId out = new OutputId(Hash.sha256(bytes));
    Path f = Files.createTempFile(tmp, "manifest", "");
    Files.write(f, bytes);
    try (RemoteStore s =
        RemoteStores.open(backend.url(backend.port()), RemoteOptions.defaults(), backend.env())) {
      s.putOutput(out, f, bytes.length);
      ActionRecord rec = new ActionRecord(out, bytes.length, 1L, "test", null, null);
      s.putAction(key, out, bytes.length, rec.encode());
    }
  }
}
