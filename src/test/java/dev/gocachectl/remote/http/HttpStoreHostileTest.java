package dev.gocachectl.remote.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.RemoteStoreException;
import dev.gocachectl.remote.stores.RemoteStores;
import dev.gocachectl.testing.HostileHttpServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link HttpStore} against a hostile server, which bazel-remote will not play: {@link
 * HostileHttpServer} announces a body of 10 GB and sends a byte every 100 ms, never slow enough for
 * the read timeout.
 */
class HttpStoreHostileTest {
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // guards a hang: the old deadline was 2.7 hours
  void aBodyTrickledUnderAHugeLengthIsCutAtTheRecordsDeadline() throws Exception {
    try (HostileHttpServer server =
        HostileHttpServer.start(
            HostileHttpServer.trickle(10_000_000_000L, Duration.ofMillis(100)))) {
      RemoteOptions quick =
          new RemoteOptions(Duration.ofSeconds(2), Duration.ofMillis(500), 1L << 20);
      OutputId id = new OutputId(Hash.sha256("ten bytes!".getBytes(StandardCharsets.UTF_8)));
      try (RemoteStore s = RemoteStores.open(server.url(), quick, Map.of())) {
        RemoteStoreException e =
            catchThrowableOfType(
                RemoteStoreException.class, () -> s.getOutput(id, 10, new ByteArrayOutputStream()));
        assertThat(e.timedOut()).isTrue();
        assertThat(e).hasMessageContaining("cas/" + id.hex()).hasMessageContaining("timed out");
      }
    }
  }
}
