package dev.gocachectl.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.remote.Blob;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.RemoteStoreContract;
import dev.gocachectl.remote.RemoteStoreException;
import dev.gocachectl.remote.stores.RemoteStores;
import dev.gocachectl.testing.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link RedisStore} against a real standalone redis-server. */
@Tag("slow") // not in the quick run (./test.sh --quick)
class RedisStoreTest extends RemoteStoreContract {
  private static RedisServer server;

  @BeforeAll
  static void startServer() {
    server = RedisServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  /** max-object raised so that the contract's 20 MB output goes to Redis too. */
  @Override
  protected RemoteStore openStore(RemoteOptions options) throws IOException {
    return RemoteStores.open(server.url() + "?max-object=32MiB", options, Map.of());
  }

  @Override
  protected void pauseServer() {
    server.pause();
  }

  @Override
  protected void resumeServer() {
    server.resume();
  }

  @Override
  protected String urlAt(int port) {
    return "redis://127.0.0.1:" + port;
  }

  @Test
  void aValueLongerThanItsKeyAllowsIsNeverReadWhole() throws IOException {
    // an untrusted writer's 8 MiB under a record's key, and an output key holding more than its
    // record says: the store reads a record's bound, or the size plus one byte, and no more
    try (RemoteStore s = open("?prefix=bigtest")) {
      ActionId action = Blob.randomAction();
      server.cli("setrange", "bigtest:ac:" + action.hex(), String.valueOf(8 << 20), "x");
      assertThatThrownBy(() -> s.getAction(action))
          .isInstanceOf(RemoteStoreException.class)
          .hasMessageContaining("more than " + RemoteStore.MAX_RECORD + " bytes")
          .hasMessageContaining("prefix=");
      Blob blob = Blob.random(tmp, 1000);
      server.cli("setrange", "bigtest:cas:" + blob.id().hex(), String.valueOf(8 << 20), "x");
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      assertThat(s.getOutput(blob.id(), 10, sink)).isTrue();
      assertThat(sink.size()).isEqualTo(11);
      assertThat(ttl("bigtest:cas:" + blob.id().hex())).isPositive(); // the hit refreshed it
    }
  }

  @Test
  void everyHitRefreshesTheTtl() throws IOException {
    try (RemoteStore s = open("?ttl=1h&prefix=ttltest")) {
      ActionId action = Blob.randomAction();
      Blob blob = Blob.random(tmp, 100);
      s.putOutput(blob.id(), blob.file(), blob.size());
      s.putAction(action, blob.id(), blob.size(), new byte[] {1});
      String ac = "ttltest:ac:" + action.hex();
      String cas = "ttltest:cas:" + blob.id().hex();
      assertThat(ttl(ac)).isBetween(3000L, 3600L); // set by the put
      server.cli("expire", ac, "100");
      server.cli("expire", cas, "100");
      assertThat(s.getAction(action)).containsExactly(1);
      assertThat(ttl(ac)).isBetween(3000L, 3600L);
      assertThat(s.getOutput(blob.id(), blob.size(), new ByteArrayOutputStream())).isTrue();
      assertThat(ttl(cas)).isBetween(3000L, 3600L);
      server.cli("expire", cas, "100");
      assertThat(s.hasOutput(blob.id())).isTrue();
      assertThat(ttl(cas)).isBetween(3000L, 3600L);
    }
  }

  @Test
  void ttlZeroMeansNoExpiry() throws IOException {
    try (RemoteStore s = open("?ttl=0&prefix=forever")) {
      ActionId action = Blob.randomAction();
      putRecord(s, action);
      assertThat(s.getAction(action)).isNotNull();
      assertThat(ttl("forever:ac:" + action.hex())).isEqualTo(-1L);
    }
  }

  @Test
  void outputsOverMaxObjectSkipRedis() throws IOException {
    try (RemoteStore s = open("")) {
      assertThat(s.maxOutputSize()).isEqualTo(64L << 20); // the default
    }
    try (RemoteStore s = open("?max-object=1KiB")) {
      assertThat(s.maxOutputSize()).isEqualTo(1024);
      Blob big = Blob.random(tmp, 1025);
      assertThatThrownBy(() -> s.putOutput(big.id(), big.file(), big.size()))
          .isInstanceOf(RemoteStoreException.class)
          .hasMessageContaining("cas:" + big.id().hex())
          .hasMessageContaining("max-object");
      assertThat(server.cli("exists", "gocachectl:cas:" + big.id().hex())).isEqualTo("0");
      Blob fits = Blob.random(tmp, 1024);
      s.putOutput(fits.id(), fits.file(), fits.size());
      assertThat(s.hasOutput(fits.id())).isTrue();
    }
  }

  @Test
  void keysCarryThePrefixAndLiveInTheChosenDatabase() throws IOException {
    try (RemoteStore s = open("/3?prefix=team-a")) {
      ActionId action = Blob.randomAction();
      putRecord(s, action);
      assertThat(server.cli("-n", "3", "exists", "team-a:ac:" + action.hex())).isEqualTo("1");
      assertThat(server.cli("-n", "0", "exists", "team-a:ac:" + action.hex())).isEqualTo("0");
      assertThat(s.describe()).isEqualTo(server.url() + "/3?prefix=team-a");
    }
  }

  @Test
  void afterARestartTheStoreWorksAgain() throws IOException {
    ActionId action = Blob.randomAction();
    putRecord(store, action);
    server.restart(); // empty: no persistence
    // A pooled connection to the old process fails once; the store does not retry (the tier
    // decides), so the first call after the restart may be an IOException, the next one works.
    try {
      store.getAction(action);
    } catch (RemoteStoreException expected) {
      assertThat(expected).hasMessageContaining(store.describe());
    }
    assertThat(store.getAction(action)).isNull();
  }

  private RemoteStore open(String suffix) throws IOException {
    return RemoteStores.open(server.url() + suffix, RemoteOptions.defaults(), Map.of());
  }

  private void putRecord(RemoteStore s, ActionId action) throws IOException {
    Blob blob = Blob.random(tmp, 10);
    s.putOutput(blob.id(), blob.file(), blob.size());
    s.putAction(action, blob.id(), blob.size(), new byte[] {9});
  }

  private static long ttl(String key) {
    return Long.parseLong(server.cli("ttl", key));
  }
}
