package dev.gocachectl.remote.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.remote.ActionRecord;
import dev.gocachectl.remote.RemoteConfig;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteTiers;
import dev.gocachectl.remote.TierStats;
import dev.gocachectl.remote.stores.RemoteStores;
import dev.gocachectl.testing.HostileHttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bazel-remote-protocol remote that answers a record at once, claiming a 1 GiB output, then
 * trickles that output a byte every 100 ms (never silent long enough for a read timeout): with
 * {@code --remote-timeout 1s} the get is answered as a miss, counted as a timeout, instead of
 * waiting out the output's own transfer deadline (1 s plus 1 s per MiB: 17 minutes).
 */
class HttpRemoteTimeoutTest {
  @TempDir Path tmp;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // guards a hang: before the fix, 17 minutes
  void aGetIsBoundedAsAWholeByTheRemoteTimeout() throws Exception {
    long claimed = 1L << 30;
    OutputId out = new OutputId(Hash.sha256("claimed".getBytes(StandardCharsets.UTF_8)));
    byte[] record = new ActionRecord(out, claimed, 1, "hostile", null, null).encode();
    byte[] ac = ActionResultCodec.encode(out, claimed, record);
    HostileHttpServer.Answer trickle = HostileHttpServer.trickle(claimed, Duration.ofMillis(100));
    HostileHttpServer.Answer recordNow =
        HostileHttpServer.canned("200 OK", "Content-Type: application/octet-stream", ac);
    try (HostileHttpServer server =
        HostileHttpServer.start(
            (target, o) -> (target.contains("/ac/") ? recordNow : trickle).send(target, o))) {
      RemoteConfig c =
          new RemoteConfig(
              List.of(server.url()),
              true,
              null,
              null,
              Duration.ofSeconds(1),
              new RemoteOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), 1L << 20),
              "test",
              RemoteConfig.DEFAULT_INLINE_MAX);
      try (RemoteTiers tiers = RemoteTiers.open(c, Map.of(), RemoteStores::open)) {
        RemoteTiers.Session s = tiers.newSession();
        ActionId id = new ActionId(Hash.sha256("action".getBytes(StandardCharsets.UTF_8)));
        assertThat(tiers.fetch(id, o -> Files.createTempFile(tmp, "get", ""), s)).isNull();
        TierStats.Snapshot t = s.snapshots().getFirst();
        assertThat(t.timeouts()).isEqualTo(1);
        assertThat(t.hits()).isZero();
        assertThat(t.firstFailure()).contains("answered as a miss");
        assertThat(server.requests()).isEqualTo(2); // the record, then the output
      }
    }
  }
}
