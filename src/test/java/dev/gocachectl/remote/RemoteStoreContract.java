package dev.gocachectl.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.remote.stores.RemoteStores;
import dev.gocachectl.testing.ServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link RemoteStore} must do, run against its real server by one subclass per store.
 * The {@code @Timeout}s only turn a hang into a failure; nothing here asserts how fast anything is.
 */
public abstract class RemoteStoreContract {
  /** Short timeouts for the tests of servers that are down or silent. */
  protected static final RemoteOptions SHORT =
      new RemoteOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), 1L << 20);

  @TempDir protected Path tmp;
  protected RemoteStore store;

  /** Opens a store on the subclass's running server. */
  protected abstract RemoteStore openStore(RemoteOptions options) throws IOException;

  /** The URL of this kind of store at {@code 127.0.0.1:port}, where no server of it runs. */
  protected abstract String urlAt(int port);

  /** Freezes the subclass's server (SIGSTOP). */
  protected abstract void pauseServer();

  /** Thaws it. */
  protected abstract void resumeServer();

  /** The environment stores are opened with (credentials). */
  protected Map<String, String> env() {
    return Map.of();
  }

  @BeforeEach
  void setUp() throws IOException {
    store = openStore(RemoteOptions.defaults());
  }

  @AfterEach
  void tearDown() throws IOException {
    store.close();
  }

  @Test
  void anAbsentActionIsNull() throws IOException {
    assertThat(store.getAction(Blob.randomAction())).isNull();
  }

  @Test
  void anAbsentOutputIsFalseAndWritesNothing() throws IOException {
    Blob blob = Blob.random(tmp, 10);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThat(store.getOutput(blob.id(), blob.size(), sink)).isFalse();
    assertThat(sink.size()).isZero();
    assertThat(store.hasOutput(blob.id())).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 175, 4096, RemoteStore.MAX_RECORD})
  void aRecordRoundTrips(int size) throws IOException {
    ActionId action = Blob.randomAction();
    byte[] record = Blob.randomBytes(size);
    putWithOutput(action, record);
    assertThat(store.getAction(action)).isEqualTo(record);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 100_000, 20 << 20})
  void anOutputRoundTripsStreamed(int size) throws IOException {
    Blob blob = Blob.random(tmp, size);
    store.putOutput(blob.id(), blob.file(), blob.size());
    assertThat(store.hasOutput(blob.id())).isTrue();
    Blob.HashingSink sink = new Blob.HashingSink();
    assertThat(store.getOutput(blob.id(), blob.size(), sink)).isTrue();
    assertThat(sink.count()).isEqualTo(size);
    assertThat(sink.id()).isEqualTo(blob.id());
  }

  @Test
  void anActionRecordIsOverwritten() throws IOException {
    ActionId action = Blob.randomAction();
    putWithOutput(action, Blob.randomBytes(100));
    byte[] second = Blob.randomBytes(200);
    putWithOutput(action, second);
    assertThat(store.getAction(action)).isEqualTo(second);
  }

  @Test
  void theSinksOwnFailurePassesThroughUntouched() throws IOException {
    Blob blob = Blob.random(tmp, 200_000);
    store.putOutput(blob.id(), blob.file(), blob.size());
    IOException stop = new IOException("the tier stops reading");
    OutputStream failing =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw stop;
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            throw stop;
          }
        };
    assertThatThrownBy(() -> store.getOutput(blob.id(), blob.size(), failing)).isSameAs(stop);
    Blob.HashingSink sink = new Blob.HashingSink(); // and the store still works
    assertThat(store.getOutput(blob.id(), blob.size(), sink)).isTrue();
    assertThat(sink.id()).isEqualTo(blob.id());
  }

  @Test
  void concurrentPutsAndGetsFromSeveralThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        done.add(pool.submit(this::putAndGetSome));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(60)
  void aServerThatIsDownIsAnIoExceptionNamingStoreAndKey() throws IOException {
    try (RemoteStore down = RemoteStores.open(urlAt(ServerProcess.freePort()), SHORT, env())) {
      assertFailsNamingStoreAndKey(down);
    }
  }

  @Test
  @Timeout(60)
  void aServerThatNeverAnswersTimesOut() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        RemoteStore stuck = RemoteStores.open(urlAt(silent.getLocalPort()), SHORT, env())) {
      ActionId action = Blob.randomAction();
      IOException e = catchThrowableOfType(IOException.class, () -> stuck.getAction(action));
      assertThat(e).hasMessageContaining(stuck.describe()).hasMessageContaining(action.hex());
      assertThat(e).isInstanceOf(RemoteStoreException.class);
      assertThat(((RemoteStoreException) e).timedOut()).as(e.getMessage()).isTrue();
    }
  }

  @Test
  @Timeout(120)
  void aFrozenServerFailsAnUploadAndAReadWithinTheirDeadlines() throws IOException {
    // 24 MB is more than the socket buffers hold: the upload's writes block, and only the
    // transfer deadline (1 s + 24 MB at 16 MiB/s) ends them.
    RemoteOptions fast = new RemoteOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), 16L << 20);
    try (RemoteStore s = openStore(fast)) {
      Blob big = Blob.random(tmp, 24 << 20);
      assertThat(s.hasOutput(big.id())).isFalse(); // a pooled connection exists before the freeze
      pauseServer();
      try {
        assertTimesOut(s, () -> s.putOutput(big.id(), big.file(), big.size()), big.id().hex());
        ActionId action = Blob.randomAction();
        assertTimesOut(s, () -> s.getAction(action), action.hex());
      } finally {
        resumeServer();
      }
    }
  }

  @Test
  void describeIsShortAndNamesTheServer() {
    assertThat(store.describe()).isNotBlank().doesNotContain("\n");
  }

  /**
   * Asserts that a 20 MB output goes up and down without being held in memory: each call allocates
   * less than a quarter of its size on the calling thread (the SDK's and the JDK's buffers, not the
   * object).
   */
  protected void assertOutputsAreStreamed() throws IOException {
    Blob small = Blob.random(tmp, 1000); // the first put's and get's class loading are not
    store.putOutput(small.id(), small.file(), small.size()); // the object's (7 MB for the SDK)
    store.getOutput(small.id(), small.size(), new Blob.HashingSink());
    Blob blob = Blob.random(tmp, 20 << 20);
    long put = allocatedDuring(() -> store.putOutput(blob.id(), blob.file(), blob.size()));
    Blob.HashingSink sink = new Blob.HashingSink();
    long get = allocatedDuring(() -> store.getOutput(blob.id(), blob.size(), sink));
    assertThat(sink.id()).isEqualTo(blob.id());
    assertThat(put).as("bytes allocated by the put").isLessThan(blob.size() / 4);
    assertThat(get).as("bytes allocated by the get").isLessThan(blob.size() / 4);
  }

  private static long allocatedDuring(ThrowingOp op) throws IOException {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().threadId();
    long before = threads.getThreadAllocatedBytes(id);
    try {
      op.run();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
    return threads.getThreadAllocatedBytes(id) - before;
  }

  private static void assertTimesOut(RemoteStore s, ThrowingOp op, String hex) {
    IOException e = catchThrowableOfType(IOException.class, op::run);
    assertThat(e).isInstanceOf(RemoteStoreException.class).hasMessageContaining(hex);
    assertThat(e.getMessage()).startsWith(s.describe() + ": ");
    assertThat(((RemoteStoreException) e).timedOut()).as(e.getMessage()).isTrue();
  }

  /** Every operation of {@code down} fails with a message naming it and the key. */
  protected void assertFailsNamingStoreAndKey(RemoteStore down) {
    ActionId action = Blob.randomAction();
    Blob blob = Blob.random(tmp, 1000);
    List<ThrowingOp> ops =
        List.of(
            () -> down.getAction(action),
            () -> down.putAction(action, blob.id(), blob.size(), new byte[] {1}),
            () -> down.getOutput(blob.id(), blob.size(), new ByteArrayOutputStream()),
            () -> down.putOutput(blob.id(), blob.file(), blob.size()),
            () -> down.hasOutput(blob.id()));
    for (ThrowingOp op : ops) {
      IOException e = catchThrowableOfType(IOException.class, op::run);
      assertThat(e).isInstanceOf(RemoteStoreException.class);
      assertThat(e.getMessage()).startsWith(down.describe() + ": ");
      assertThat(e.getMessage()).containsAnyOf(action.hex(), blob.id().hex());
    }
  }

  /** Stores an output and then a record that points at it (bazel-remote checks that order). */
  protected void putWithOutput(ActionId action, byte[] record) throws IOException {
    Blob blob = Blob.random(tmp, 64);
    store.putOutput(blob.id(), blob.file(), blob.size());
    store.putAction(action, blob.id(), blob.size(), record);
  }

  private Void putAndGetSome() throws IOException {
    for (int i = 0; i < 10; i++) {
      Blob blob = Blob.random(tmp, 1 + i * 5000L);
      ActionId action = Blob.randomAction();
      byte[] record = Blob.randomBytes(100 + i);
      store.putOutput(blob.id(), blob.file(), blob.size());
      store.putAction(action, blob.id(), blob.size(), record);
      assertThat(store.getAction(action)).isEqualTo(record);
      Blob.HashingSink sink = new Blob.HashingSink();
      assertThat(store.getOutput(blob.id(), blob.size(), sink)).isTrue();
      assertThat(sink.id()).isEqualTo(blob.id());
    }
    return null;
  }

  /** An operation that may throw. */
  @FunctionalInterface
  protected interface ThrowingOp {
    void run() throws Exception;
  }
}
