package dev.gocachectl.mod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gocachectl.testing.HostileHttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link HttpFetcher} against servers that misbehave ({@link HostileHttpServer}): each transfer
 * ends with an error naming the URL and saying what was wrong, never a hang or a heap full of body.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // guards a hang: before the fix these ran for hours
class HttpFetcherHostileTest {
  static IOException failure(HostileHttpServer.Answer a, String path, HttpFetcher.Limit limit) {
    try (HostileHttpServer s = HostileHttpServer.start(a);
        HttpFetcher http = new HttpFetcher(Duration.ofSeconds(1))) {
      URI uri = URI.create(s.url() + path);
      IOException e = catchThrowableOfType(IOException.class, () -> http.get(uri, limit));
      assertThat(e).as("no error for " + uri).isNotNull().hasMessageContaining(uri.toString());
      return e;
    }
  }

  @Test
  void aTrickledBodyTimesOutAsAWhole() {
    // a byte every 100 ms: the per-read timeout never fires; the whole answer must
    IOException e =
        failure(
            HostileHttpServer.trickle(400_000_000L, Duration.ofMillis(100)), // under the zip bound
            "/m/@v/v1.0.0.zip",
            HttpFetcher.Limit.ZIP);
    assertThat(e).hasMessageContaining("timed out");
  }

  @Test
  void aHugeAnnouncedBodyIsRefusedBeforeItIsRead() {
    IOException e =
        failure(HostileHttpServer.claims(6L << 30), "/m/@v/list", HttpFetcher.Limit.LIST);
    assertThat(e).hasMessageContaining("announces 6442450944 bytes").hasMessageContaining("list");
  }

  @Test
  void anEndlessBodyStopsAtItsKindsBound() {
    IOException e =
        failure(HostileHttpServer.endless(), "/m/@v/v1.0.0.info", HttpFetcher.Limit.INFO);
    assertThat(e).hasMessageContaining("more than the 1048576 bytes a .info file can be");
  }

  @Test
  void aTileIsReadToItsExactSizeAndNoFurther() {
    IOException e =
        failure(HostileHttpServer.endless(), "/tile/8/0/000", HttpFetcher.Limit.hashes(256));
    assertThat(e).hasMessageContaining("8192 bytes a tile of 256 hashes");
  }

  @Test
  void aRedirectLoopSaysSo() {
    IOException e =
        failure(HostileHttpServer.redirectToSelf(), "/sumdb/x/supported", HttpFetcher.Limit.NOTE);
    assertThat(e).hasMessageContaining("redirects in a loop");
  }

  @Test
  void anErrorBodyKeepsItsFirstLinesAndTheStatus() throws IOException {
    try (HostileHttpServer s =
            HostileHttpServer.start(
                HostileHttpServer.canned(
                    "500 Internal Server Error",
                    "Content-Type: text/plain",
                    "the mirror is down\n\nmore".getBytes(StandardCharsets.UTF_8)));
        HttpFetcher http = new HttpFetcher(Duration.ofSeconds(1))) {
      HttpFetcher.Response r = http.get(URI.create(s.url() + "/x"), HttpFetcher.Limit.INFO);
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.describe()).endsWith("server response: the mirror is down");
    }
  }
}
