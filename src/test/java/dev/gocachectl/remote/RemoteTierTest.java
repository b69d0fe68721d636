package dev.gocachectl.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.cache.OutputId;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tier's checks on what a remote returns, with faults injected through our own interface. */
class RemoteTierTest {
  @TempDir Path tmp;
  final MemoryStore store = new MemoryStore();

  RemoteTier tier(RecordSigner signer, RecordSigner verifier) {
    RemoteConfig c =
        new RemoteConfig(
            List.of("memory:"),
            false,
            signer,
            verifier,
            Duration.ofSeconds(5),
            RemoteOptions.defaults(),
            "test-host",
            RemoteConfig.DEFAULT_INLINE_MAX);
    return new RemoteTier("memory:", c, CompletableFuture.completedFuture(store));
  }

  static ActionId action(String s) {
    return new ActionId(Hash.sha256(s.getBytes(StandardCharsets.UTF_8)));
  }

  Path file(byte[] body) throws IOException {
    Path p = Files.createTempFile(tmp, "body", "");
    Files.write(p, body);
    return p;
  }

  ActionRecord record(byte[] body) {
    return new ActionRecord(
        new OutputId(Hash.sha256(body)), body.length, 1_000_000_000L, "test-host", null, null);
  }

  FetchResult fetch(RemoteTier t, ActionId id, TierStats stats) {
    try {
      return t.fetch(id, out -> Files.createTempFile(tmp, "fetch", ""), stats);
    } catch (LocalWriteException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  RecordSigner key(String k) throws IOException {
    Path f = tmp.resolve("key-" + k);
    Files.writeString(f, k.repeat(4));
    return RecordSigner.fromFile(f);
  }

  @Test
  void smallOutputsTravelInsideTheRecordAndLargeOnesApart() throws IOException {
    RemoteTier t = tier(null, null);
    byte[] small = "small".getBytes(StandardCharsets.UTF_8);
    byte[] large = new byte[100_000];
    TierStats s = new TierStats();
    assertThat(t.upload(action("s"), record(small), file(small), false)).isTrue();
    assertThat(t.upload(action("l"), record(large), file(large), false)).isTrue();
    assertThat(ActionRecord.parse(store.actions.get(action("s"))).inline()).isEqualTo(small);
    assertThat(ActionRecord.parse(store.actions.get(action("l"))).inline()).isNull();
    int before = store.calls.get();
    FetchResult r = fetch(t, action("s"), s);
    assertThat(store.calls.get() - before).isEqualTo(1); // one round trip
    assertThat(r).isInstanceOf(FetchResult.Hit.class);
    assertThat(((FetchResult.Hit) r).file()).hasBinaryContent(small);
    assertThat(fetch(t, action("l"), s)).isInstanceOf(FetchResult.Hit.class);
    assertThat(s.snapshot().hits()).isEqualTo(2);
  }

  @Test
  void corruptedOutputIsAVerifyFailureAndLeavesNothingBehind() throws IOException {
    RemoteTier t = tier(null, null);
    byte[] body = new byte[50_000];
    TierStats s = new TierStats();
    t.upload(action("c"), record(body), file(body), false);
    byte[] bad = body.clone();
    bad[1234] ^= 1;
    store.outputs.put(record(body).output(), bad);
    long files;
    try (var l = Files.list(tmp)) {
      files = l.count();
    }
    FetchResult r = fetch(t, action("c"), s);
    assertThat(r).isInstanceOf(FetchResult.Failed.class);
    assertThat(((FetchResult.Failed) r).kind()).isEqualTo(FetchResult.Failure.VERIFY_FAILED);
    assertThat(((FetchResult.Failed) r).message()).contains("50000 bytes hashing to");
    try (var l = Files.list(tmp)) {
      assertThat(l.count()).isEqualTo(files);
    }
    assertThat(s.snapshot().verifyFailed()).isEqualTo(1);
  }

  @Test
  void moreBytesThanTheRecordSaysAreRefusedBeforeTheyLand() throws IOException {
    RemoteTier t = tier(null, null);
    byte[] body = new byte[70_000];
    t.upload(action("x"), record(body), file(body), false);
    store.outputs.put(record(body).output(), new byte[10_000_000]);
    FetchResult r = fetch(t, action("x"), new TierStats());
    assertThat(((FetchResult.Failed) r).kind()).isEqualTo(FetchResult.Failure.VERIFY_FAILED);
    assertThat(((FetchResult.Failed) r).message()).contains("longer than its record's 70000 bytes");
  }

  @Test
  void garbageRecordIsAVerifyFailure() {
    store.actions.put(action("g"), "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));
    FetchResult r = fetch(tier(null, null), action("g"), new TierStats());
    assertThat(((FetchResult.Failed) r).kind()).isEqualTo(FetchResult.Failure.VERIFY_FAILED);
  }

  @Test
  void recordWhoseOutputIsGoneIsAMiss() throws IOException {
    RemoteTier t = tier(null, null);
    byte[] body = new byte[100_000];
    t.upload(action("d"), record(body), file(body), false);
    store.outputs.clear();
    assertThat(fetch(t, action("d"), new TierStats())).isInstanceOf(FetchResult.Miss.class);
  }

  @Test
  void signaturesAreRequiredWhenAVerifyKeyIsGiven() throws IOException {
    byte[] body = "signed".getBytes(StandardCharsets.UTF_8);
    tier(key("right"), null).upload(action("a"), record(body), file(body), false);
    tier(null, null).upload(action("u"), record(body), file(body), false);
    tier(key("wrong"), null).upload(action("w"), record(body), file(body), false);
    RemoteTier reader = tier(null, key("right"));
    TierStats s = new TierStats();
    assertThat(fetch(reader, action("a"), s)).isInstanceOf(FetchResult.Hit.class);
    assertThat(fetch(reader, action("u"), s)).isInstanceOf(FetchResult.Failed.class);
    assertThat(fetch(reader, action("w"), s)).isInstanceOf(FetchResult.Failed.class);
    // a valid record replayed under another action ID does not verify either
    store.actions.put(action("moved"), store.actions.get(action("a")));
    assertThat(fetch(reader, action("moved"), s)).isInstanceOf(FetchResult.Failed.class);
    assertThat(s.snapshot().rejected()).isEqualTo(3);
    assertThat(s.snapshot().hits()).isEqualTo(1);
  }

  @Test
  void aFailingRemoteIsNoLongerAskedOnceTheBreakerOpens() {
    RemoteTier t = tier(null, null);
    store.failWith = new IOException("memory: connection refused");
    TierStats s = new TierStats();
    for (int i = 0; i < 20; i++) {
      fetch(t, action("f" + i), s);
    }
    assertThat(store.calls.get()).isEqualTo(5);
    assertThat(s.snapshot().errors()).isEqualTo(5);
    assertThat(s.snapshot().refused()).isEqualTo(15);
    assertThat(t.breaker().timesOpened()).isEqualTo(1);
  }

  @Test
  void timeoutsAreCountedApart() {
    store.failWith = new IOException("memory: slow", new SocketTimeoutException("Read timed out"));
    TierStats s = new TierStats();
    fetch(tier(null, null), action("t"), s);
    assertThat(s.snapshot().timeouts()).isEqualTo(1);
    assertThat(s.snapshot().errors()).isZero();
  }

  @Test
  void aBackfilledRecordKeepsItsSignatureWithoutTheKey() throws IOException {
    // a hit on a slower tier is copied to the faster ones by a process that may hold only the
    // verify key: the copy must still verify there, or every later lookup is rejected
    byte[] body = "signed elsewhere".getBytes(StandardCharsets.UTF_8);
    RecordSigner k = key("shared");
    ActionRecord signed = record(body).withSignature(k.sign(action("b"), record(body)));
    tier(null, k).upload(action("b"), signed.withoutInline(), file(body), false);
    TierStats s = new TierStats();
    assertThat(fetch(tier(null, k), action("b"), s)).isInstanceOf(FetchResult.Hit.class);
    assertThat(s.snapshot().rejected()).isZero();
  }

  @Test
  void aStoreThatCouldNotBeOpenedFailsItsLookupsAndUploadsWithoutThrowing() throws IOException {
    RemoteConfig c =
        new RemoteConfig(
            List.of("redis://u:hunter2@nowhere:1"),
            false,
            null,
            null,
            Duration.ofSeconds(5),
            RemoteOptions.defaults(),
            "test-host",
            RemoteConfig.DEFAULT_INLINE_MAX);
    RemoteTier t =
        new RemoteTier(
            "redis://u:hunter2@nowhere:1",
            c,
            CompletableFuture.failedFuture(new IOException("TLS set-up failed")));
    TierStats s = new TierStats();
    for (int i = 0; i < 8; i++) {
      assertThat(fetch(t, action("n" + i), s)).isInstanceOf(FetchResult.Failed.class);
    }
    assertThat(t.name()).isEqualTo("redis://u:***@nowhere:1");
    assertThat(t.maxOutputSize()).isEqualTo(Long.MAX_VALUE);
    byte[] body = "never sent".getBytes(StandardCharsets.UTF_8);
    Uploader u = new Uploader(t);
    u.submit(action("p"), record(body), file(body), s);
    u.drain(5_000);
    t.close();
    TierStats.Snapshot snap = s.snapshot();
    assertThat(snap.errors()).isEqualTo(5);
    assertThat(snap.refused()).isEqualTo(3);
    assertThat(snap.uploadFailed() + snap.dropped()).isEqualTo(1);
    assertThat(snap.firstFailure())
        .contains("redis://u:***@nowhere:1: cannot open: TLS set-up failed")
        .doesNotContain("hunter2");
  }

  @Test
  void aClientLibrarysSurpriseIsAFailedLookupNotAnUnansweredOne() {
    store.failWithUnchecked = new ClassCastException("Long cannot be cast to class [B");
    TierStats s = new TierStats();
    FetchResult r = fetch(tier(null, null), action("c"), s);
    assertThat(r).isInstanceOf(FetchResult.Failed.class);
    assertThat(((FetchResult.Failed) r).kind()).isEqualTo(FetchResult.Failure.ERROR);
    assertThat(s.snapshot().errors()).isEqualTo(1);
    assertThat(s.snapshot().firstFailure()).contains("memory: unexpected").contains("[B");
  }

  @Test
  void aFullLocalDiskIsNotHeldAgainstTheRemote() throws IOException {
    RemoteTier t = tier(null, null);
    byte[] body = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8); // apart from its record
    t.upload(action("d"), record(body), file(body), false);
    TierStats s = new TierStats();
    RemoteTier.Temps full =
        out -> {
          throw new IOException("No space left on device");
        };
    RemoteTier.Temps unwritable = out -> tmp.resolve("gone").resolve("temp"); // cannot be opened
    for (int i = 0; i < 6; i++) {
      assertThatThrownBy(() -> t.fetch(action("d"), full, s))
          .isInstanceOf(LocalWriteException.class)
          .hasMessageContaining("No space left");
      assertThatThrownBy(() -> t.fetch(action("d"), unwritable, s))
          .isInstanceOf(LocalWriteException.class);
    }
    assertThat(t.breaker().timesOpened()).isZero();
    assertThat(s.snapshot().failures()).isZero();
    assertThat(fetch(t, action("d"), s)).isInstanceOf(FetchResult.Hit.class); // room again
  }
}
