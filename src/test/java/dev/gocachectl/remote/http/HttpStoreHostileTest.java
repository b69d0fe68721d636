package dev.gocachectl.remote.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.RemoteStoreException;
import dev.gocachectl.remote.stores.RemoteStores;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link HttpStore} against a hostile server, which bazel-remote will not play: a test-only server
 * that speaks HTTP/1.1 byte for byte, announces a body of 10 GB and sends a byte every 100 ms,
 * never slow enough for the read timeout.
 */
class HttpStoreHostileTest {
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // guards a hang: the old deadline was 2.7 hours
  void aBodyTrickledUnderAHugeLengthIsCutAtTheRecordsDeadline() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      Thread.ofPlatform().daemon().start(() -> trickle(server));
      RemoteOptions quick =
          new RemoteOptions(Duration.ofSeconds(2), Duration.ofMillis(500), 1L << 20);
      OutputId id = new OutputId(Hash.sha256("ten bytes!".getBytes(StandardCharsets.UTF_8)));
      try (RemoteStore s =
          RemoteStores.open("http://127.0.0.1:" + server.getLocalPort(), quick, Map.of())) {
        RemoteStoreException e =
            catchThrowableOfType(
                RemoteStoreException.class, () -> s.getOutput(id, 10, new ByteArrayOutputStream()));
        assertThat(e.timedOut()).isTrue();
        assertThat(e).hasMessageContaining("cas/" + id.hex()).hasMessageContaining("timed out");
      }
    }
  }

  private static void trickle(ServerSocket server) {
    while (!server.isClosed()) {
      try (Socket c = server.accept()) {
        InputStream in = c.getInputStream();
        // the request's head ends with an empty line
        for (int state = 0; state < 4; ) {
          int b = in.read();
          if (b < 0) {
            break;
          }
          state = (b == '\r' && state % 2 == 0) || (b == '\n' && state % 2 == 1) ? state + 1 : 0;
        }
        OutputStream out = c.getOutputStream();
        out.write(
            "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 10000000000\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (int i = 0; i < 600; i++) {
          out.write('x');
          out.flush();
          Thread.sleep(100); // the hostile pace under test, not a synchronisation
        }
      } catch (IOException e) {
        // the client hung up: the next connection
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
