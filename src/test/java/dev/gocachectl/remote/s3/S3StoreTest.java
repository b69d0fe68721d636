package dev.gocachectl.remote.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.remote.Blob;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.RemoteStoreContract;
import dev.gocachectl.remote.RemoteStoreException;
import dev.gocachectl.remote.stores.RemoteStores;
import dev.gocachectl.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link S3Store} against a real s3proxy (SigV4, filesystem store), path-style, with a prefix. */
@Tag("slow") // not in the quick run (./test.sh --quick)
class S3StoreTest extends RemoteStoreContract {
  private static final String BUCKET = "gocachectl-test";
  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() {
    server = S3ProxyServer.start();
    server.createBucket(BUCKET);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected RemoteStore openStore(RemoteOptions options) throws IOException {
    return RemoteStores.open(server.url(BUCKET, "ci/cache"), options, env());
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
    return "s3://" + BUCKET + "?endpoint=http://127.0.0.1:" + port + "&path-style=true";
  }

  @Override
  protected Map<String, String> env() {
    return server.env();
  }

  @Test
  void objectsLieUnderThePrefix() throws IOException {
    ActionId action = Blob.randomAction();
    Blob blob = Blob.random(tmp, 3000);
    store.putOutput(blob.id(), blob.file(), blob.size());
    store.putAction(action, blob.id(), blob.size(), new byte[] {5});
    var bucket = server.dataDir().resolve(BUCKET);
    assertThat(bucket.resolve("ci/cache/ac/" + action.hex())).hasBinaryContent(new byte[] {5});
    assertThat(Files.size(bucket.resolve("ci/cache/cas/" + blob.id().hex()))).isEqualTo(3000);
    assertThat(store.describe()).isEqualTo("s3://" + BUCKET + "/ci/cache at " + server.endpoint());
  }

  @Test
  void withoutAPrefixObjectsLieAtTheTop() throws IOException {
    try (RemoteStore top = RemoteStores.open(server.url(BUCKET, ""), opts(), env())) {
      ActionId action = Blob.randomAction();
      Blob blob = Blob.random(tmp, 10);
      top.putOutput(blob.id(), blob.file(), blob.size());
      top.putAction(action, blob.id(), blob.size(), new byte[] {6});
      assertThat(server.dataDir().resolve(BUCKET).resolve("ac/" + action.hex())).exists();
      assertThat(top.getAction(action)).containsExactly(6);
    }
  }

  @Test
  void aMissingBucketSaysSo() throws IOException {
    try (RemoteStore none = RemoteStores.open(server.url("no-such-bucket", "x"), opts(), env())) {
      ActionId action = Blob.randomAction();
      Blob blob = Blob.random(tmp, 10);
      IOException e =
          catchThrowableOfType(
              IOException.class, () -> none.putAction(action, blob.id(), 10, new byte[] {1}));
      assertThat(e)
          .isInstanceOf(RemoteStoreException.class)
          .hasMessageStartingWith(none.describe() + ": put x/ac/" + action.hex())
          .hasMessageContaining("does not exist");
    }
  }

  @Test
  void wrongCredentialsAreRefusedAndNeverShown() throws IOException {
    Map<String, String> env =
        Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", "wrong-key");
    try (RemoteStore bad = RemoteStores.open(server.url(BUCKET, "x"), opts(), env)) {
      ActionId action = Blob.randomAction();
      IOException e = catchThrowableOfType(IOException.class, () -> bad.getAction(action));
      assertThat(e).hasMessageContaining("access denied").hasMessageContaining(action.hex());
      assertThat(e.getMessage()).doesNotContain("wrong-key");
    }
  }

  private static RemoteOptions opts() {
    return RemoteOptions.defaults();
  }

  @Test
  void outputsAreStreamedNotHeldInMemory() throws IOException {
    assertOutputsAreStreamed();
  }
}
