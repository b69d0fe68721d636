package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.testing.RedisServer;
import dev.gocachectl.testing.TcpProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The remote tier on a real redis-server, plus the faults and modes a remote tier must survive, run
 * here on the quickest server: latency, a frozen server, a full local disk, two builds at once,
 * read-only and signed records.
 */
class RedisRemoteBuildTest extends RemoteBuildTest {
  RedisServer redis;

  @Override
  Backend start() {
    redis = RedisServer.start();
    return new Backend() {
      @Override
      public String url(int port) {
        // the runtime's archive is 13 MB: over Redis's default 1 MiB limit it would skip Redis
        return "redis://127.0.0.1:" + port + "?prefix=ci&max-object=64MiB";
      }

      @Override
      public int port() {
        return redis.port();
      }

      @Override
      public Map<String, String> env() {
        return Map.of();
      }

      @Override
      public void stop() {
        redis.stop();
      }

      @Override
      public void corrupt(OutputId out, Path original) throws IOException {
        overwrite(out, original);
      }

      @Override
      public void close() {
        redis.close();
      }
    };
  }

  @Test
  @Tag("slow")
  void theDefaultObjectLimitHoldsEveryOutputOfABuild() throws IOException {
    String url = "redis://127.0.0.1:" + redis.port() + "?prefix=default"; // no max-object
    assertThat(build(goWith(fresh("a"), url))).hasSizeGreaterThan(5);
    assertThat(lastBuild.stderr()).doesNotContain("tooBig");
    // a second runner, its local tier empty, compiles nothing: the runtime's 13 MB came too
    assertThat(build(goWith(fresh("b"), url))).isEmpty();
  }

  @Test
  @Tag("slow")
  void outputsSkippedForSizeAreSaidOnceWithTheSettingToRaise() throws IOException {
    String url = "redis://127.0.0.1:" + redis.port() + "?prefix=small&max-object=1MiB";
    build(goWith(fresh("a"), url));
    List<String> said =
        lastBuild.stderr().lines().filter(l -> l.contains("not uploaded for their size")).toList();
    assertThat(said).hasSize(1);
    assertThat(said.getFirst())
        .startsWith("gocachectl prog: remote redis://127.0.0.1:" + redis.port())
        .containsPattern("tooBig=[1-9]")
        .contains("raise max-object");
    assertThat(lastReport(fresh("a")).remotes().getFirst().get("tooBig")).isPositive();
  }

  @Test
  @Tag("slow")
  void addedLatencyStillServesEveryHit() throws IOException {
    build(go(fresh("a")));
    try (TcpProxy slow = TcpProxy.to(redis.port()).delay(10)) {
      Path b = fresh("b");
      assertThat(build(go(b, slow.port()))).isEmpty();
      assertThat(lastReport(b).get("remoteHits")).isGreaterThan(5);
    }
  }

  @Test
  @Tag("slow")
  void aFrozenServerTimesOutAndIsThenNotAsked() throws IOException {
    build(go(fresh("a")));
    redis.pause();
    try {
      Path b = fresh("b");
      assertThat(build(go(b, "--remote-timeout", "1s"))).isNotEmpty();
      String log = Files.readString(StatsLog.file(CacheDir.open(b)));
      assertThat(log).containsPattern("\"timeouts\":[1-9]").containsPattern("\"refused\":[1-9]");
    } finally {
      redis.resume();
    }
  }

  /**
   * The local tier on a 1 MiB tmpfs, mounted in a private mount namespace ({@code unshare}) where
   * the go command runs: the runtime's archive alone is 13 MB. Without the spill, go gets an Err
   * for the module index's put and fails ("package runtime is not in std").
   */
  @Test
  @Tag("slow")
  void aFullLocalDiskStillBuilds() throws Exception {
    build(go(fresh("a")));
    Path b = fresh("b");
    Path after = tmp.resolve("b-after");
    Path spillParent = fresh("tmpdir");
    GoTool go = go(b).withEnv(Map.of("TMPDIR", spillParent.toString()));
    String script =
        "mount -t tmpfs -o size=1m tmpfs \"$1\" || exit 99\n"
            + "shift; dest=\"$1\"; shift\n"
            + "\"$@\"; status=$?\n"
            + "cp -a \"$0.\" \"$dest\" && exit $status\n";
    List<String> cmd = new ArrayList<>(List.of("unshare", "-rm", "sh", "-c", script));
    // $0 is the mount point with a trailing slash, then $1 the mount point, $2 the copy, then go
    cmd.addAll(List.of(b + "/", b.toString(), after.toString(), go.binary().toString()));
    cmd.addAll(List.of("build", "./plain"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(module.toFile());
    pb.environment().clear();
    pb.environment().putAll(go.environment());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output).contains("the local tier cannot take more").contains("No space left");
    assertThat(Files.list(after).toList()).isNotEmpty(); // what fitted was stored
    assertNoBadBytes(after);
    try (var left = Files.list(spillParent)) {
      assertThat(left.map(f -> f.getFileName().toString()))
          .noneMatch(n -> n.startsWith("gocachectl-spill-"));
    }
  }

  @Test
  @Tag("slow")
  void twoBuildsAtOnceShareTheRemote() throws Exception {
    CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> compiledIn("a"));
    CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> compiledIn("b"));
    // each build compiles what it does not find; the later one may find everything
    assertThat(Math.max(one.get(), two.get())).isGreaterThan(5);
    assertThat(build(go(fresh("c")))).isEmpty();
  }

  private int compiledIn(String name) {
    try {
      return build(go(fresh(name))).size();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @Tag("slow")
  void readOnlyNeverWrites() throws IOException {
    Path a = fresh("a");
    assertThat(build(go(a, "--read-only"))).isNotEmpty();
    assertThat(redis.cli("DBSIZE")).isEqualTo("0");
    assertThat(Files.readString(StatsLog.file(CacheDir.open(a)))).contains("\"uploaded\":0,");
  }

  @Test
  @Tag("slow")
  void signedRecordsAreServedOnlyToReadersWithTheKey() throws IOException {
    Path k1 = tmp.resolve("k1");
    Path k2 = tmp.resolve("k2");
    Files.writeString(k1, "0123456789abcdef0123456789abcdef\n");
    Files.writeString(k2, "fedcba9876543210fedcba9876543210\n");
    build(go(fresh("writer"), "--sign-key-file", k1.toString()));
    assertThat(build(go(fresh("trusting"), "--verify-key-file", k1.toString()))).isEmpty();
    Path other = fresh("other-key");
    assertThat(build(go(other, "--verify-key-file", k2.toString()))).isNotEmpty();
    assertThat(Files.readString(StatsLog.file(CacheDir.open(other))))
        .containsPattern("\"rejected\":[1-9]")
        .contains("\"remoteHits\":0,");
  }
}
