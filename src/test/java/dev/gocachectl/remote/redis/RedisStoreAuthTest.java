package dev.gocachectl.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.remote.Blob;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.RemoteStoreException;
import dev.gocachectl.remote.stores.RemoteStores;
import dev.gocachectl.testing.RedisServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RedisStore} against a real redis-server with {@code requirepass}. */
class RedisStoreAuthTest {
  private static final String PASSWORD = "p@ss/w:rd";
  private static final String ENCODED = "p%40ss%2Fw:rd";
  private static RedisServer server;

  @TempDir Path tmp;

  @BeforeAll
  static void startServer() {
    server = RedisServer.start(PASSWORD);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aPasswordInTheUrlWorksAndIsNeverShown() throws IOException {
    String url = "redis://:" + ENCODED + "@127.0.0.1:" + server.port();
    try (RemoteStore store = RemoteStores.open(url, RemoteOptions.defaults(), Map.of())) {
      roundTrip(store);
      assertThat(store.describe()).isEqualTo(server.url());
    }
  }

  @Test
  void aPasswordFromTheEnvironmentWorks() throws IOException {
    Map<String, String> env = Map.of("GOCACHECTL_REDIS_PASSWORD", PASSWORD);
    try (RemoteStore store = RemoteStores.open(server.url(), RemoteOptions.defaults(), env)) {
      roundTrip(store);
    }
  }

  @Test
  void aWrongOrMissingPasswordIsAnIoExceptionNamingTheStore() throws IOException {
    for (String url :
        new String[] {"redis://:wrong" + ENCODED + "@127.0.0.1:" + server.port(), server.url()}) {
      try (RemoteStore store = RemoteStores.open(url, RemoteOptions.defaults(), Map.of())) {
        ActionId action = Blob.randomAction();
        IOException e = catchThrowableOfType(IOException.class, () -> store.getAction(action));
        assertThat(e)
            .isInstanceOf(RemoteStoreException.class)
            .hasMessageStartingWith(server.url() + ": get gocachectl:ac:" + action.hex())
            .hasMessageContaining("GOCACHECTL_REDIS_PASSWORD");
        assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain(ENCODED);
      }
    }
  }

  private void roundTrip(RemoteStore store) throws IOException {
    ActionId action = Blob.randomAction();
    Blob blob = Blob.random(tmp, 5000);
    store.putOutput(blob.id(), blob.file(), blob.size());
    store.putAction(action, blob.id(), blob.size(), new byte[] {42});
    assertThat(store.getAction(action)).containsExactly(42);
  }
}
