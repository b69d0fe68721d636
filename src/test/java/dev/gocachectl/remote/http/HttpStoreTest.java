package dev.gocachectl.remote.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.remote.Blob;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.RemoteStoreContract;
import dev.gocachectl.remote.RemoteStoreException;
import dev.gocachectl.remote.stores.RemoteStores;
import dev.gocachectl.testing.BazelRemoteServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link HttpStore} against a real, unmodified bazel-remote with its default AC validation. */
@Tag("slow") // not in the quick run (./test.sh --quick)
class HttpStoreTest extends RemoteStoreContract {
  private static BazelRemoteServer server;

  @BeforeAll
  static void startServer() {
    server = BazelRemoteServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected RemoteStore openStore(RemoteOptions options) throws IOException {
    return RemoteStores.open(server.url(), options, Map.of());
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
    return "http://127.0.0.1:" + port;
  }

  @Test
  void bazelRemoteValidatesTheRecordAndKeepsItWhenAddingWorkerMetadata() throws IOException {
    ActionId action = Blob.randomAction();
    byte[] record = Blob.randomBytes(300);
    putWithOutput(action, record);
    String json = rawGet("/ac/" + action.hex(), "application/json");
    assertThat(json)
        .contains("\"path\":\"" + ActionResultCodec.OUTPUT_PATH + "\"")
        .contains("\"stdoutRaw\":\"" + Base64.getEncoder().encodeToString(record) + "\"")
        .contains("\"worker\":\"127.0.0.1"); // added by bazel-remote as it re-marshalled
    assertThat(store.getAction(action)).isEqualTo(record);
  }

  @Test
  void aRecordWhoseOutputIsNotInTheCasIsAMiss() throws IOException {
    ActionId action = Blob.randomAction();
    Blob never = Blob.random(tmp, 10);
    store.putAction(action, never.id(), never.size(), new byte[] {1, 2, 3});
    assertThat(store.getAction(action)).isNull(); // bazel-remote checks the referenced blob
    store.putOutput(never.id(), never.file(), never.size());
    assertThat(store.getAction(action)).containsExactly(1, 2, 3);
  }

  @Test
  void anActionResultThatIsNotOursIsMalformed() throws IOException {
    ActionId action = Blob.randomAction();
    rawPut("/ac/" + action.hex(), new byte[] {4 << 3, 1}); // exit_code = 1, nothing else
    assertThatThrownBy(() -> store.getAction(action))
        .isInstanceOf(RemoteStoreException.class)
        .hasMessageContaining(store.describe())
        .hasMessageContaining("ac/" + action.hex())
        .hasMessageContaining("not a gocachectl record");
  }

  @Test
  void aPathPrefixIsAnInstanceNameToBazelRemote() throws IOException {
    try (RemoteStore prefixed = RemoteStores.open(server.url() + "/ci/main", opts(), Map.of())) {
      ActionId action = Blob.randomAction();
      Blob blob = Blob.random(tmp, 1000);
      prefixed.putOutput(blob.id(), blob.file(), blob.size());
      prefixed.putAction(action, blob.id(), blob.size(), new byte[] {7});
      assertThat(prefixed.getAction(action)).containsExactly(7);
      assertThat(prefixed.describe()).isEqualTo(server.url() + "/ci/main");
    }
  }

  @Test
  void anUploadWhoseBytesAreNotItsIdIsRejectedByBazelRemote() throws IOException {
    Blob blob = Blob.random(tmp, 1000);
    Blob other = Blob.random(tmp, 1000);
    assertThatThrownBy(() -> store.putOutput(blob.id(), other.file(), other.size()))
        .isInstanceOf(RemoteStoreException.class)
        .hasMessageContaining("cas/" + blob.id().hex())
        .hasMessageContaining("HTTP ");
  }

  private static RemoteOptions opts() {
    return RemoteOptions.defaults();
  }

  private static String rawGet(String path, String accept) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection) URI.create(server.url() + path).toURL().openConnection();
    c.setRequestProperty("Accept", accept);
    assertThat(c.getResponseCode()).isEqualTo(200);
    try (var in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void rawPut(String path, byte[] body) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection) URI.create(server.url() + path).toURL().openConnection();
    c.setRequestMethod("PUT");
    c.setDoOutput(true);
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
    assertThat(c.getResponseCode()).isEqualTo(200);
  }

  @Test
  void outputsAreStreamedNotHeldInMemory() throws IOException {
    assertOutputsAreStreamed();
  }
}
