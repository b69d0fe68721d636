package dev.gocachectl.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.remote.Blob;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.RemoteStoreContract;
import dev.gocachectl.remote.RemoteStores;
import dev.gocachectl.testing.RedisCluster;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link RedisStore} against a real three-master Redis Cluster. */
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
}
