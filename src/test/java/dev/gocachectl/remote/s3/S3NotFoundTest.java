package dev.gocachectl.remote.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.RemoteStoreException;
import dev.gocachectl.remote.stores.RemoteStores;
import dev.gocachectl.testing.HostileHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An S3-compatible server that answers 404 with an error code other than {@code NoSuchKey} (s3proxy
 * always says NoSuchKey, so a test-only server speaks S3's XML error format byte for byte, as AWS
 * does: {@code <Error><Code>..</Code><Message>..</Message>..</Error>}): an absent object is a miss
 * whatever the code; only NoSuchBucket, a configuration error, stays an error.
 */
class S3NotFoundTest {
  static final Map<String, String> ENV =
      Map.of("AWS_ACCESS_KEY_ID", "AKIDTEST", "AWS_SECRET_ACCESS_KEY", "secret");

  static HostileHttpServer.Answer s3Error(String code, String message) {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message><RequestId>4442587FB7D0A2F9</RequestId>"
            + "<HostId>test-host</HostId></Error>";
    return HostileHttpServer.canned(
        "404 Not Found",
        "Content-Type: application/xml\r\nx-amz-request-id: 4442587FB7D0A2F9",
        xml.getBytes(StandardCharsets.UTF_8));
  }

  static RemoteStore open(HostileHttpServer s) throws IOException {
    return RemoteStores.open(
        "s3://bucket?endpoint=" + s.url() + "&path-style=true&region=us-east-1",
        RemoteOptions.defaults(),
        ENV);
  }

  @Test
  void a404WithAnotherCodeIsAMiss() throws IOException {
    try (HostileHttpServer s =
            HostileHttpServer.start(
                s3Error("NotFound", "The resource you requested does not exist"));
        RemoteStore store = open(s)) {
      ActionId action = new ActionId(Hash.sha256("a".getBytes(StandardCharsets.UTF_8)));
      OutputId output = new OutputId(Hash.sha256("o".getBytes(StandardCharsets.UTF_8)));
      assertThat(store.getAction(action)).isNull();
      assertThat(store.getOutput(output, 1, new ByteArrayOutputStream())).isFalse();
      assertThat(store.hasOutput(output)).isFalse();
    }
  }

  @Test
  void a404WithoutABodyIsAMiss() throws IOException {
    try (HostileHttpServer s =
            HostileHttpServer.start(HostileHttpServer.canned("404 Not Found", "", new byte[0]));
        RemoteStore store = open(s)) {
      assertThat(store.getAction(new ActionId(Hash.sha256(new byte[] {1})))).isNull();
    }
  }

  @Test
  void aMissingBucketStaysAnErrorThatSaysSo() throws IOException {
    try (HostileHttpServer s =
            HostileHttpServer.start(
                s3Error("NoSuchBucket", "The specified bucket does not exist"));
        RemoteStore store = open(s)) {
      RemoteStoreException e =
          catchThrowableOfType(
              RemoteStoreException.class,
              () -> store.getAction(new ActionId(Hash.sha256(new byte[] {2}))));
      assertThat(e).hasMessageContaining("bucket bucket does not exist");
    }
  }
}
