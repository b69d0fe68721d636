package dev.gocachectl.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.remote.Blob;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.RemoteStoreContract;
import dev.gocachectl.remote.stores.RemoteStores;
import dev.gocachectl.testing.RedisCluster;
import dev.gocachectl.testing.TcpProxy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link RedisStore} against a real three-master Redis Cluster. */
@Tag("slow") // not in the quick run (./test.sh --quick)
class RedisClusterStoreTest extends RemoteStoreContract {
  private static RedisCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = RedisCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  protected RemoteStore openStore(RemoteOptions options) throws IOException {
    return RemoteStores.open(cluster.url() + "?max-object=32MiB", options, Map.of());
  }

  @Override
  protected void pauseServer() {
    cluster.pause();
  }

  @Override
  protected void resumeServer() {
    cluster.resume();
  }

  @Override
  protected String urlAt(int port) {
    return "redis+cluster://127.0.0.1:" + port;
  }

  @Test
  void keysSpreadOverTheNodesAndHitsRefreshTheirTtl() throws IOException {
    for (int i = 0; i < 20; i++) { // 20 keys land on more than one of the 3 masters
      ActionId action = Blob.randomAction();
      putWithOutput(action, new byte[] {(byte) i});
      String key = "gocachectl:ac:" + action.hex();
      cluster.cli("expire", key, "100");
      assertThat(store.getAction(action)).containsExactly(i);
      assertThat(Long.parseLong(cluster.cli("ttl", key))).isGreaterThan(7 * 86400L - 600);
    }
    assertThat(store.describe()).isEqualTo(cluster.url());
  }

  @Test
  void lookupsThatArriveTogetherAtAFrozenClusterWaitOutItsTimeoutOnce() throws Exception {
    // the slot map is asked for when the client is made: with the seeds frozen, every lookup that
    // queued behind the first used to ask again, each waiting out the timeouts in turn
    String firstSeed = cluster.url().replaceFirst("^redis\\+cluster://127\\.0\\.0\\.1:", "");
    int port = Integer.parseInt(firstSeed.substring(0, firstSeed.indexOf(',')));
    RemoteOptions quick =
        new RemoteOptions(Duration.ofMillis(300), Duration.ofMillis(300), 1 << 20);
    cluster.pause();
    try (TcpProxy seed = TcpProxy.to(port);
        RemoteStore s = RemoteStores.open(urlAt(seed.port()), quick, Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(6)) {
      List<Future<?>> lookups = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        lookups.add(pool.submit(() -> s.getAction(Blob.randomAction())));
      }
      for (Future<?> f : lookups) {
        assertThatThrownBy(f::get).hasCauseInstanceOf(IOException.class);
      }
      assertThat(seed.connections()).isEqualTo(1);
    } finally {
      cluster.resume();
    }
  }
}
