package dev.gocachectl.prog;

import dev.gocachectl.cache.ActionEntry;
import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.cache.TrimJournal;
import dev.gocachectl.failure.Failure;
import dev.gocachectl.remote.ActionRecord;
import dev.gocachectl.remote.FetchResult;
import dev.gocachectl.remote.LocalWriteException;
import dev.gocachectl.remote.RemoteTiers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where prog keeps and finds outputs: the local tier first, then the remote tiers in order. A
 * remote hit is verified, written to the local tier (keeping its original time) and to the faster
 * remotes that missed, and answered from the local file. A put goes to the local tier at once and
 * to every remote in the background.
 */
final class Store {
  private final LocalTier local;
  private final TrimJournal journal;
  private final RemoteTiers remotes;
  private final RemoteTiers.Session session;
  private final String producer;
  private final PrintStream err;
  private volatile boolean warnedLocalFull;

  Store(LocalTier local) {
    this(local, null, null, "-", System.err);
  }

  Store(
      LocalTier local,
      RemoteTiers remotes,
      RemoteTiers.Session session,
      String producer,
      PrintStream err) {
    this.local = local;
    this.journal = new TrimJournal(local.dir());
    this.remotes = remotes;
    this.session = session;
    this.producer = producer;
    this.err = err;
  }

  LocalTier local() {
    return local;
  }

  boolean hasRemotes() {
    return remotes != null;
  }

  /** Looks an action up in the local tier only; a miss says why. */
  LocalTier.Lookup getLocal(ActionId id) throws IOException {
    LocalTier.Lookup l = local.get(id);
    if (l instanceof LocalTier.Miss(MissKind kind)
        && kind == MissKind.NEW
        && journal.wasTrimmed(id)) {
      return new LocalTier.Miss(MissKind.TRIMMED);
    }
    return l;
  }

  /** After a local miss: asks the remotes; a hit is stored locally first. Null on a miss. */
  LocalTier.Hit getRemote(ActionId id) {
    FetchResult.Hit h;
    try {
      h = remotes.fetch(id, out -> local.writer().newTempFile(out.hash()), session);
    } catch (LocalWriteException e) {
      warnLocal(e); // a full local disk: the remote's bytes cannot be taken
      return null;
    }
    if (h == null) {
      return null;
    }
    ActionRecord r = h.record();
    try {
      ActionEntry e = local.put(id, r.output(), r.size(), h.file(), r.timeNanos());
      Path path = local.dir().outputPath(r.output());
      remotes.uploadTo(h.tier(), id, r.withoutInline(), path, session);
      return new LocalTier.Hit(e, path, h.tier());
    } catch (IOException e) {
      warnLocal(e); // a full local disk: the remote's bytes cannot be handed to go
      try {
        java.nio.file.Files.deleteIfExists(h.file());
      } catch (IOException ignored) {
        // the temp file goes with the next trim
      }
      return null;
    }
  }

  private void warnLocal(IOException e) {
    if (!warnedLocalFull) {
      warnedLocalFull = true;
      err.println(
          "gocachectl prog: cannot write to the local tier "
              + local.dir()
              + ": "
              + Failure.of(e)
              + "; remote hits are misses until it can");
    }
  }

  /** A temporary file for a put body, in the shard its output will live in. */
  Path newTemp(OutputId out) throws IOException {
    return local.writer().newTempFile(out.hash());
  }

  /** Stores a verified body; returns the path to hand to go. Queues the uploads. */
  Path put(ActionId id, OutputId out, long size, Path verifiedTemp) throws IOException {
    return put(id, out, size, verifiedTemp, session);
  }

  /** {@link #put}, with the uploads counted in {@code counted} (not always go's session). */
  Path put(ActionId id, OutputId out, long size, Path verifiedTemp, RemoteTiers.Session counted)
      throws IOException {
    Instant now = Instant.now();
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    local.put(id, out, size, verifiedTemp, nanos);
    Path path = local.dir().outputPath(out);
    if (remotes != null) {
      remotes.uploadAll(
          id, new ActionRecord(out, size, nanos, producer, null, null), path, counted);
    }
    return path;
  }

  RemoteTiers remotes() {
    return remotes;
  }
}
