package dev.gocachectl.remote.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.remote.Blob;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.RemoteStoreException;
import dev.gocachectl.remote.stores.RemoteStores;
import dev.gocachectl.testing.BazelRemoteServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HttpStore} against a real bazel-remote that requires basic auth (an htpasswd file). */
class HttpStoreAuthTest {
  private static final String USER = "ci";
  private static final String PASSWORD = "s3cr/t@pw";
  private static final String ENCODED = "s3cr%2Ft%40pw";
  private static BazelRemoteServer server;

  @TempDir Path tmp;

  @BeforeAll
  static void startServer() {
    server = BazelRemoteServer.start(USER, PASSWORD);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void credentialsInTheUrlWorkAndAreNeverShown() throws IOException {
    String url = "http://" + USER + ":" + ENCODED + "@127.0.0.1:" + server.port();
    try (RemoteStore store = RemoteStores.open(url, RemoteOptions.defaults(), Map.of())) {
      roundTrip(store);
      assertThat(store.describe()).isEqualTo(server.url()).doesNotContain(USER);
    }
  }

  @Test
  void credentialsFromTheEnvironmentWork() throws IOException {
    Map<String, String> env =
        Map.of("GOCACHECTL_HTTP_USER", USER, "GOCACHECTL_HTTP_PASSWORD", PASSWORD);
    try (RemoteStore store = RemoteStores.open(server.url(), RemoteOptions.defaults(), env)) {
      roundTrip(store);
    }
  }

  @Test
  void aWrongPasswordIsAnIoExceptionNamingTheStore() throws IOException {
    String url = "http://" + USER + ":wrong-" + ENCODED + "@127.0.0.1:" + server.port();
    try (RemoteStore store = RemoteStores.open(url, RemoteOptions.defaults(), Map.of())) {
      ActionId action = Blob.randomAction();
      IOException get = catchThrowableOfType(IOException.class, () -> store.getAction(action));
      assertThat(get)
          .isInstanceOf(RemoteStoreException.class)
          .hasMessageStartingWith(server.url() + ": get ac/" + action.hex())
          .hasMessageContaining("HTTP 401")
          .hasMessageContaining("refused the credentials");
      assertThat(get.getMessage()).doesNotContain(PASSWORD).doesNotContain(ENCODED);
      Blob blob = Blob.random(tmp, 100_000); // a streamed upload sees the 401 too
      IOException put =
          catchThrowableOfType(
              IOException.class, () -> store.putOutput(blob.id(), blob.file(), blob.size()));
      assertThat(put).hasMessageContaining("cas/" + blob.id().hex()).hasMessageContaining("401");
    }
  }

  @Test
  void noCredentialsAtAllIsRefusedToo() throws IOException {
    try (RemoteStore store = RemoteStores.open(server.url(), RemoteOptions.defaults(), Map.of())) {
      Blob blob = Blob.random(tmp, 10);
      assertThat(catchThrowableOfType(IOException.class, () -> store.hasOutput(blob.id())))
          .hasMessageContaining("HTTP 401");
    }
  }

  private void roundTrip(RemoteStore store) throws IOException {
    ActionId action = Blob.randomAction();
    Blob blob = Blob.random(tmp, 5000);
    store.putOutput(blob.id(), blob.file(), blob.size());
    store.putAction(action, blob.id(), blob.size(), new byte[] {42});
    assertThat(store.getAction(action)).containsExactly(42);
    assertThat(store.hasOutput(blob.id())).isTrue();
  }
}
