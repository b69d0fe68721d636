package dev.gocachectl.remote;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.units.Causes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One remote tier: a {@link RemoteStore} behind a circuit breaker, with every fetched byte checked.
 *
 * <p>A fetch is a hit only if the record parses, carries a valid signature when one is required,
 * and the output's bytes (inline or fetched) hash to the record's output ID at the record's size.
 * Anything else is a miss for the build, counted by kind in {@link TierStats}; a bad object is
 * never written to the local tier and never served. The store is opened on a background thread, so
 * that a client's start-up (most of a second for the AWS SDK) overlaps go's own work.
 */
public final class RemoteTier implements AutoCloseable {
  /** Where fetched bytes are written before they are verified. */
  @FunctionalInterface
  public interface Temps {
    Path newTemp(OutputId out) throws IOException;
  }

  private final String url; // as given, for the messages: its password replaced by ***
  private final RemoteConfig config;
  private final CompletableFuture<RemoteStore> store;
  private final CircuitBreaker breaker;

  RemoteTier(String url, RemoteConfig config, CompletableFuture<RemoteStore> store) {
    this.url = StoreUrl.redact(url);
    this.config = config;
    this.store = store;
    this.breaker = new CircuitBreaker(5, 5_000_000_000L, 120_000_000_000L);
  }

  /** Opens a tier; the store itself is opened in the background, by {@code opener}. */
  public static RemoteTier open(
      String url,
      RemoteConfig config,
      java.util.Map<String, String> env,
      RemoteStore.Opener opener) {
    CompletableFuture<RemoteStore> f = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("open " + StoreUrl.redact(url))
        .start(
            () -> {
              try {
                f.complete(opener.open(url, config.options(), env));
              } catch (IOException | RuntimeException e) {
                f.completeExceptionally(e);
              }
            });
    return new RemoteTier(url, config, f);
  }

  /** The store's description, or the URL (without its password) until it is open. */
  public String name() {
    RemoteStore s = opened();
    return s != null ? s.describe() : url;
  }

  /** The largest output the store keeps; unbounded while it is still opening. */
  long maxOutputSize() {
    RemoteStore s = opened();
    return s != null ? s.maxOutputSize() : Long.MAX_VALUE;
  }

  /** How to raise the store's size limit (see {@link RemoteStore#sizeLimitAdvice}). */
  String sizeLimitAdvice() {
    RemoteStore s = opened();
    return s != null ? s.sizeLimitAdvice() : "";
  }

  /** The store if it is open; null while it opens and when it could not be opened. */
  private RemoteStore opened() {
    return store.state() == Future.State.SUCCESS ? store.resultNow() : null;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  RemoteStore awaitStore() throws IOException {
    try {
      return store.get(config.options().connectTimeout().toMillis() * 5, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IOException(url + ": cannot open: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException(url + ": still opening", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(url + ": interrupted while opening", e);
    }
  }

  /**
   * Asks this remote for an action.
   *
   * @throws LocalWriteException if the fetched bytes could not be written locally (nothing is
   *     counted: the remote answered)
   */
  public FetchResult fetch(ActionId id, Temps temps, TierStats stats) throws LocalWriteException {
    return fetch(id, temps, stats, System.nanoTime() + config.options().requestTimeout().toNanos());
  }

  /** As {@link #fetch(ActionId, Temps, TierStats)}, answered by {@code deadline} (nanoTime). */
  public FetchResult fetch(ActionId id, Temps temps, TierStats stats, long deadline)
      throws LocalWriteException {
    long t0 = System.nanoTime();
    if (!breaker.allow(t0)) {
      String why = name() + ": circuit breaker open";
      stats.failed(FetchResult.Failure.REFUSED, 0, why);
      return new FetchResult.Failed(FetchResult.Failure.REFUSED, why);
    }
    FetchResult r;
    try {
      awaitStore(); // a client starting up (the AWS SDK's second) is not the server being slow
      r = bounded(id, temps, deadline + (System.nanoTime() - t0), System.nanoTime());
    } catch (LocalWriteException e) {
      throw e;
    } catch (IOException e) {
      r =
          new FetchResult.Failed(
              isTimeout(e) ? FetchResult.Failure.TIMEOUT : FetchResult.Failure.ERROR,
              e.getMessage());
    }
    long nanos = System.nanoTime() - t0;
    switch (r) {
      case FetchResult.Hit h -> {
        breaker.success();
        stats.hit(h.record().size(), nanos);
      }
      case FetchResult.Miss m -> {
        breaker.success();
        stats.miss(nanos);
      }
      case FetchResult.Failed f -> {
        if (f.kind() == FetchResult.Failure.REJECTED) {
          breaker.success(); // the store works; its records are just not trusted
        } else {
          breaker.failure(System.nanoTime());
        }
        stats.failed(f.kind(), nanos, f.message());
      }
    }
    return r;
  }

  /**
   * The attempt, on a virtual thread, waited for until {@code deadline} (nanoTime): a store's own
   * timeouts bound each request, some by the size of what it moves, so a server that answers the
   * record at once and trickles a large output could hold a get for minutes; past the deadline the
   * get is a timeout (a miss for go), and the attempt, left to end on its own timeouts, has a late
   * hit's temporary file deleted.
   */
  private FetchResult bounded(ActionId id, Temps temps, long deadline, long t0)
      throws LocalWriteException {
    CompletableFuture<FetchResult> f = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("get " + id.hex())
        .start(
            () -> {
              try {
                f.complete(attempt(id, temps));
              } catch (LocalWriteException | RuntimeException e) {
                f.completeExceptionally(e);
              }
            });
    try {
      return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.thenAccept(
          late -> {
            if (late instanceof FetchResult.Hit h) {
              try {
                Files.deleteIfExists(h.file());
              } catch (IOException ignored) {
                // the temp file goes with the next trim
              }
            }
          });
      return new FetchResult.Failed(
          FetchResult.Failure.TIMEOUT,
          name()
              + ": get "
              + id.hex()
              + ": no verified answer within "
              + (deadline - t0) / 1_000_000
              + " ms (--remote-timeout bounds a whole get); answered as a miss");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LocalWriteException local) {
        throw local;
      }
      return new FetchResult.Failed(
          FetchResult.Failure.ERROR, name() + ": unexpected " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new FetchResult.Failed(FetchResult.Failure.ERROR, name() + ": interrupted");
    }
  }

  /** One attempt, unbounded but for the store's own timeouts. */
  private FetchResult attempt(ActionId id, Temps temps) throws LocalWriteException {
    FetchResult r;
    try {
      r = fetchFrom(awaitStore(), id, temps);
    } catch (IOException e) {
      if (Causes.find(e, LocalWriteException.class) instanceof LocalWriteException local) {
        breaker.success(); // the store answered; it is our disk that could not take it
        throw local;
      }
      FetchResult.Failure kind =
          isTimeout(e) ? FetchResult.Failure.TIMEOUT : FetchResult.Failure.ERROR;
      r = new FetchResult.Failed(kind, e.getMessage());
    } catch (RuntimeException e) {
      // a client library's surprise (a reply of the wrong type from a server that is not what
      // the URL says): a failed lookup like any other, never an unanswered get
      r = new FetchResult.Failed(FetchResult.Failure.ERROR, name() + ": unexpected " + e);
    }
    return r;
  }

  private FetchResult fetchFrom(RemoteStore s, ActionId id, Temps temps) throws IOException {
    byte[] raw = s.getAction(id);
    if (raw == null) {
      return new FetchResult.Miss();
    }
    ActionRecord rec;
    try {
      rec = ActionRecord.parse(raw);
    } catch (IllegalArgumentException e) {
      return verifyFailed(s, id, "bad record: " + e.getMessage());
    }
    if (config.verifier() != null && !config.verifier().verify(id, rec)) {
      return new FetchResult.Failed(
          FetchResult.Failure.REJECTED,
          s.describe()
              + ": record for "
              + id.hex()
              + (rec.signature() == null ? " is unsigned" : " has a bad signature"));
    }
    Path temp;
    try {
      temp = temps.newTemp(rec.output());
    } catch (IOException e) {
      throw new LocalWriteException(e);
    }
    boolean keep = false;
    try {
      MessageDigest digest = Hash.newDigest();
      long got;
      try (OutputStream file = LocalFile.create(temp);
          SizeLimit limit = new SizeLimit(new DigestOutputStream(file, digest), rec.size())) {
        if (rec.inline() != null) {
          limit.write(rec.inline());
        } else if (!s.getOutput(rec.output(), rec.size(), limit)) {
          return new FetchResult.Miss(); // the record outlived its output
        }
        got = limit.count();
      } catch (IOException e) {
        if (causedBy(e, SizeLimit.TooLong.class)) {
          return verifyFailed(
              s,
              id,
              "output "
                  + rec.output().hex()
                  + " is longer than its record's "
                  + rec.size()
                  + " bytes");
        }
        throw e;
      }
      Hash actual = Hash.finish(digest);
      if (got != rec.size() || !actual.equals(rec.output().hash())) {
        return verifyFailed(
            s,
            id,
            "output "
                + rec.output().hex()
                + ": "
                + got
                + " bytes hashing to "
                + actual.hex()
                + ", expected "
                + rec.size()
                + " bytes");
      }
      keep = true;
      return new FetchResult.Hit(rec, temp, -1);
    } finally {
      if (!keep) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static FetchResult verifyFailed(RemoteStore s, ActionId id, String why) {
    return new FetchResult.Failed(
        FetchResult.Failure.VERIFY_FAILED, s.describe() + ": " + id.hex() + ": " + why);
  }

  /**
   * Uploads an output (unless the store has it) and then its record. Returns false, sending
   * nothing, when the output is larger than the store takes.
   */
  boolean upload(ActionId id, ActionRecord rec, Path file, boolean outputKnownThere)
      throws IOException {
    RemoteStore s = awaitStore();
    if (rec.size() > s.maxOutputSize()) {
      return false;
    }
    if (!outputKnownThere && !(rec.size() > 64 * 1024 && s.hasOutput(rec.output()))) {
      s.putOutput(rec.output(), file, rec.size());
    }
    ActionRecord withBody = rec;
    if (rec.size() > 0 && rec.size() <= config.inlineMax()) {
      byte[] body = Files.readAllBytes(file);
      withBody = rec.withInline(body);
    }
    if (config.signer() != null) {
      withBody = withBody.withSignature(config.signer().sign(id, withBody));
    }
    s.putAction(id, rec.output(), rec.size(), withBody.encode());
    return true;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    return Causes.find(e, type) != null;
  }

  /** A temporary file for fetched bytes whose own failures say they are local ones. */
  private static final class LocalFile extends java.io.FilterOutputStream {
    private LocalFile(OutputStream out) {
      super(out);
    }

    static LocalFile create(Path p) throws LocalWriteException {
      try {
        return new LocalFile(Files.newOutputStream(p));
      } catch (IOException e) {
        throw new LocalWriteException(e);
      }
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        throw new LocalWriteException(e);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw new LocalWriteException(e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        out.close();
      } catch (IOException e) {
        throw new LocalWriteException(e);
      }
    }
  }

  static boolean isTimeout(Throwable e) {
    if (e instanceof RemoteStoreException r) {
      return r.timedOut();
    }
    return Causes.chain(e).stream().anyMatch(t -> t.getClass().getSimpleName().contains("Timeout"));
  }

  @Override
  public void close() {
    RemoteStore s = opened();
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // closing a client: nothing to save
      }
    }
  }
}
