package dev.gocachectl.prog;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.failure.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/**
 * One conversation with one go command: the handshake, then requests until {@code close} or the end
 * of input (go list never sends close; it just exits).
 *
 * <p>Every put is checked: the decoded body must be {@code BodySize} bytes and hash to the {@code
 * OutputID} go sent; otherwise it is answered with {@code Err} and nothing is stored. A malformed
 * line or an unknown command ends the session with a {@link ProtocolException} that says what was
 * received.
 */
final class ProgSession {
  private final Store store;
  private final SessionStats stats;
  private final Spill spill;
  private final RemoteLookups remoteLookups;
  private final Prefetch prefetch;

  /**
   * The caller closes {@code spill} once go is done with the session's paths; {@code prefetch} is
   * null without one.
   */
  ProgSession(Store store, SessionStats stats, Spill spill, Prefetch prefetch) {
    this.store = store;
    this.stats = stats;
    this.spill = spill;
    this.remoteLookups = store.hasRemotes() ? new RemoteLookups() : null;
    this.prefetch = prefetch;
  }

  /**
   * Runs the conversation after the handshake (which the caller sends first, before it opens
   * anything, since go waits for it); returns when go sent close (true) or its input ended (false).
   */
  boolean run(InputStream in, ResponseWriter out) throws IOException {
    try {
      return loop(in, out);
    } finally {
      if (remoteLookups != null) {
        remoteLookups.awaitAll(); // answers every get that is still out before the session ends
      }
    }
  }

  private boolean loop(InputStream in, ResponseWriter out) throws IOException {
    RequestReader reader = new RequestReader(in);
    for (Request q; (q = reader.next()) != null; ) {
      switch (q.command()) {
        case GET -> get(q, out);
        case PUT -> put(q, reader, out);
        case CLOSE -> {
          if (remoteLookups != null) {
            remoteLookups.awaitAll();
          }
          out.closed(q.id());
          return true;
        }
        case UNKNOWN ->
            throw new ProtocolException(
                "unknown command \""
                    + q.rawCommand()
                    + "\" in request "
                    + q.id()
                    + " (this program declared get, put and close)");
      }
    }
    return false;
  }

  private void get(Request q, ResponseWriter out) throws IOException {
    if (q.actionId() == null) {
      out.error(q.id(), "get " + q.id() + ": no ActionID");
      return;
    }
    long t0 = System.nanoTime();
    LocalTier.Lookup l = store.getLocal(q.actionId());
    // instanceof, not a pattern switch: a type switch bootstraps an invokedynamic call site,
    // about ten milliseconds on the first get of every go command
    if (l instanceof LocalTier.Hit h) {
      if (prefetch != null) {
        prefetch.noteHit(q.actionId());
        int tier = prefetch.tierOf(q.actionId());
        if (tier >= 0) {
          h = new LocalTier.Hit(h.entry(), h.path(), tier); // fetched ahead in this session
        }
      }
      answerHit(q, h, t0, out);
    } else if (remoteLookups == null) {
      out.miss(q.id());
      stats.miss(((LocalTier.Miss) l).kind(), System.nanoTime() - t0);
    } else {
      MissKind kind = ((LocalTier.Miss) l).kind();
      remoteLookups.submit(q, () -> remoteGet(q, kind, t0, out));
    }
  }

  /** On a lookup thread: asks the remotes, answers go either way. */
  private void remoteGet(Request q, MissKind localKind, long t0, ResponseWriter out)
      throws IOException {
    LocalTier.Hit h;
    try {
      h = prefetch != null ? prefetch.fetch(q.actionId()) : store.getRemote(q.actionId());
    } catch (RuntimeException e) {
      // a bug must not leave go waiting for this answer forever: go takes an error as a miss
      out.error(q.id(), "get " + q.id() + ": remote lookup failed: " + Failure.of(e));
      stats.miss(localKind, System.nanoTime() - t0);
      return;
    }
    if (h != null) {
      if (prefetch != null) {
        prefetch.noteHit(q.actionId());
      }
      answerHit(q, h, t0, out);
    } else {
      if (prefetch != null) {
        prefetch.noteMiss(q.actionId()); // before go hears of it, so before its put
      }
      out.miss(q.id());
      stats.miss(localKind, System.nanoTime() - t0);
    }
  }

  private void answerHit(Request q, LocalTier.Hit h, long t0, ResponseWriter out)
      throws IOException {
    var e = h.entry();
    out.hit(q.id(), e.output(), e.size(), e.time(), h.path().toString());
    stats.hit(e.size(), h.tier() >= 0, System.nanoTime() - t0);
  }

  /**
   * A put: the body is decoded into a temporary file while it is hashed, checked, then stored. When
   * the local tier cannot take it (a full disk), the body goes to the {@link Spill} instead and go
   * still gets a path, so the build goes on uncached; only if that fails too does go get an {@code
   * Err}, for this put only. Either way the rest of the body is read and the stream stays in step.
   */
  private void put(Request q, RequestReader reader, ResponseWriter out) throws IOException {
    OutputId expected = q.outputId() != null ? q.outputId() : OutputId.EMPTY;
    MessageDigest digest = Hash.newDigest();
    long size = 0;
    boolean keep = false;
    TempSink sink =
        TempSink.open(why -> store.newTemp(expected), why -> spill.newFile(expected, why));
    try (sink) {
      try (OutputStream body = new DigestOutputStream(sink, digest)) {
        if (q.bodySize() > 0) {
          size = reader.readBody(q.id(), body); // a malformed body throws: the finally cleans up
        }
      }
      Path temp = sink.path();
      String problem = check(q, size, Hash.finish(digest));
      if (problem == null && sink.failure() != null) {
        problem = "put " + q.id() + ": cannot keep the body: " + Failure.of(sink.failure());
      }
      if (problem != null) {
        stats.putError();
        out.error(q.id(), problem);
        return;
      }
      Path stored;
      if (sink.fellBack()) {
        stored = temp;
        keep = true;
        stats.spilled(size);
      } else {
        try {
          stored = store.put(q.actionId(), q.outputId(), size, temp);
          stats.put(size);
          if (prefetch != null) {
            prefetch.notePut(q.actionId());
          }
        } catch (ProtocolException e) {
          throw e;
        } catch (IOException e) {
          stored = spilled(q, e, temp, out);
          if (stored == null) {
            return;
          }
          keep = true;
          stats.spilled(size);
        }
      }
      out.stored(q.id(), stored.toString());
    } finally {
      if (sink.path() != null && !keep) {
        Files.deleteIfExists(sink.path());
      }
    }
  }

  /** A verified body the local tier could not store, moved to the spill; null after an Err. */
  private Path spilled(Request q, IOException why, Path temp, ResponseWriter out)
      throws IOException {
    try {
      return spill.adopt(temp, q.outputId(), why);
    } catch (IOException e) {
      e.addSuppressed(why);
      stats.putError();
      out.error(q.id(), "put " + q.id() + ": cannot keep the body: " + Failure.of(e));
      return null;
    }
  }

  private static String check(Request q, long size, Hash actual) {
    String what = "put " + q.id() + ": ";
    if (q.actionId() == null || q.outputId() == null) {
      return what + "no " + (q.actionId() == null ? "ActionID" : "OutputID") + "; not stored";
    }
    if (size != q.bodySize()) {
      return what
          + "body has "
          + size
          + " bytes but BodySize says "
          + q.bodySize()
          + "; not stored";
    }
    if (!actual.equals(q.outputId().hash())) {
      return what
          + "body hashes to "
          + actual.hex()
          + ", not the OutputID "
          + q.outputId().hex()
          + "; not stored";
    }
    return null;
  }
}
