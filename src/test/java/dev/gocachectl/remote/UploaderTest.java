package dev.gocachectl.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.cache.OutputId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploaderTest {
  @TempDir Path tmp;

  /** An uploader to an open store, with the default options. */
  private static Uploader uploaderTo(MemoryStore store) {
    RemoteConfig c =
        new RemoteConfig(
            List.of("m"),
            false,
            null,
            null,
            Duration.ofSeconds(5),
            RemoteOptions.defaults(),
            "h",
            0);
    return new Uploader(new RemoteTier("m", c, CompletableFuture.completedFuture(store)));
  }

  @Test
  void theSameOutputGoesUpOnceAndEveryRecordGoesUp() throws Exception {
    MemoryStore store = new MemoryStore();
    Uploader u = uploaderTo(store);
    byte[] body = new byte[200_000];
    Path f = tmp.resolve("body");
    Files.write(f, body);
    OutputId out = new OutputId(Hash.sha256(body));
    TierStats s = new TierStats();
    for (int i = 0; i < 50; i++) {
      ActionId id = new ActionId(Hash.sha256(("a" + i).getBytes(StandardCharsets.UTF_8)));
      assertThat(u.submit(id, new ActionRecord(out, body.length, 1, "h", null, null), f, s))
          .isTrue();
    }
    assertThat(u.drain(60_000)).isZero();
    assertThat(store.actions).hasSize(50);
    assertThat(store.outputPuts.get()).isEqualTo(1);
    assertThat(s.snapshot().uploaded()).isEqualTo(50);
  }

  @Test
  void whatCannotBeUploadedInTimeIsDroppedAndCounted() throws Exception {
    MemoryStore store = new MemoryStore();
    CompletableFuture<RemoteStore> never = new CompletableFuture<>(); // a store that never opens
    RemoteOptions fast = new RemoteOptions(Duration.ofMillis(20), Duration.ofMillis(20), 1 << 20);
    RemoteConfig c = new RemoteConfig(List.of("m"), false, null, null, Duration.ZERO, fast, "h", 0);
    Uploader u = new Uploader(new RemoteTier("m", c, never));
    Path f = tmp.resolve("b");
    Files.write(f, new byte[] {1});
    TierStats s = new TierStats();
    for (int i = 0; i < 10; i++) {
      ActionId id = new ActionId(Hash.sha256(("d" + i).getBytes(StandardCharsets.UTF_8)));
      u.submit(
          id,
          new ActionRecord(new OutputId(Hash.sha256(new byte[] {1})), 1, 1, "h", null, null),
          f,
          s);
    }
    int dropped = u.drain(0);
    var snap = s.snapshot();
    assertThat(snap.uploaded()).isZero();
    assertThat(snap.dropped() + snap.uploadFailed()).isEqualTo(10);
    assertThat(dropped).isLessThanOrEqualTo(10);
    assertThat(store.calls.get()).isZero();
  }

  @Test
  void aSessionWaitsForItsOwnUploadsOnly() throws Exception {
    MemoryStore store = new MemoryStore();
    Uploader u = uploaderTo(store);
    Path f = tmp.resolve("b");
    Files.write(f, new byte[] {7});
    ActionRecord rec =
        new ActionRecord(new OutputId(Hash.sha256(new byte[] {7})), 1, 1, "h", null, null);
    Path g = tmp.resolve("c"); // another output: one of the same would wait for the held one
    Files.write(g, new byte[] {8});
    ActionRecord rec2 =
        new ActionRecord(new OutputId(Hash.sha256(new byte[] {8})), 1, 1, "h", null, null);
    ActionId mine = new ActionId(Hash.sha256("mine".getBytes(StandardCharsets.UTF_8)));
    ActionId theirs = new ActionId(Hash.sha256("theirs".getBytes(StandardCharsets.UTF_8)));
    var gate = new java.util.concurrent.CountDownLatch(1);
    store.holds.put(theirs, gate);
    TierStats me = new TierStats();
    TierStats other = new TierStats();
    u.submit(theirs, rec, f, other);
    u.submit(mine, rec2, g, me);

    assertThat(u.await(me, 60_000)).isZero();
    assertThat(me.snapshot().uploaded()).isEqualTo(1);
    assertThat(other.snapshot().uploaded()).isZero();
    assertThat(u.pending()).isEqualTo(1); // theirs, still held, neither dropped nor waited for

    gate.countDown();
    assertThat(u.await(other, 60_000)).isZero();
    assertThat(other.snapshot().uploaded()).isEqualTo(1);
    assertThat(other.snapshot().dropped()).isZero();
  }
}
