package dev.gocachectl.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.remote.stores.RemoteStores;
import dev.gocachectl.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-lived uploader (the daemon's) and a real Redis that drops an uploaded output behind its
 * back (as a TTL, maxmemory eviction or an operator would): once the uploader's memory of the
 * upload has aged past {@link Uploader#REMEMBER}, the next upload of the same output sends it
 * again. The uploader's clock is a counter the test moves, so no test waits ten minutes.
 */
class UploaderEvictionTest {
  @TempDir Path tmp;

  @Test
  void anOutputEvictedFromTheStoreIsSentAgainOnceTheUploadIsForgotten() throws Exception {
    try (RedisServer redis = RedisServer.start();
        RemoteStore store = RemoteStores.open(redis.url(), RemoteOptions.defaults(), Map.of())) {
      RemoteConfig c =
          new RemoteConfig(
              List.of(redis.url()),
              false,
              null,
              null,
              Duration.ofSeconds(30),
              RemoteOptions.defaults(),
              "h",
              RemoteConfig.DEFAULT_INLINE_MAX);
      AtomicLong now = new AtomicLong();
      Uploader u =
          new Uploader(
              new RemoteTier(redis.url(), c, CompletableFuture.completedFuture(store)), now::get);
      byte[] body = new byte[100_000];
      new Random(4).nextBytes(body);
      Path f = tmp.resolve("body");
      Files.write(f, body);
      OutputId out = new OutputId(Hash.sha256(body));
      ActionRecord rec = new ActionRecord(out, body.length, 1, "h", null, null);
      String key = "gocachectl:cas:" + out.hex();
      TierStats s = new TierStats();

      upload(u, "first", rec, f, s);
      assertThat(redis.cli("EXISTS", key)).isEqualTo("1");
      assertThat(redis.cli("DEL", key)).isEqualTo("1"); // evicted behind the uploader's back

      upload(u, "soon after", rec, f, s); // remembered: only the record goes up
      assertThat(redis.cli("EXISTS", key)).isEqualTo("0");

      now.addAndGet(Uploader.REMEMBER.plusSeconds(1).toNanos());
      upload(u, "later", rec, f, s);
      assertThat(redis.cli("EXISTS", key)).as("sent again once forgotten").isEqualTo("1");
      assertThat(s.snapshot().uploaded()).isEqualTo(3);
    }
  }

  private static void upload(Uploader u, String action, ActionRecord rec, Path f, TierStats s) {
    ActionId id = new ActionId(Hash.sha256(action.getBytes(StandardCharsets.UTF_8)));
    assertThat(u.submit(id, rec, f, s)).isTrue();
    assertThat(u.drain(30_000)).isZero();
  }
}
