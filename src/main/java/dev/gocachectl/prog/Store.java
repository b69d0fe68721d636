package dev.gocachectl.prog;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.CacheWriter;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.cache.TrimJournal;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where prog keeps and finds outputs: the local tier, and the journal that tells a trimmed entry
 * from one never seen.
 */
final class Store {
  private final LocalTier local;
  private final TrimJournal journal;

  Store(LocalTier local) {
    this.local = local;
    this.journal = new TrimJournal(local.dir());
  }

  LocalTier local() {
    return local;
  }

  /** Looks an action up; a miss says why. */
  LocalTier.Lookup get(ActionId id) throws IOException {
    LocalTier.Lookup l = local.get(id);
    if (l instanceof LocalTier.Miss(MissKind kind)
        && kind == MissKind.NEW
        && journal.wasTrimmed(id)) {
      return new LocalTier.Miss(MissKind.TRIMMED);
    }
    return l;
  }

  /** A temporary file for a put body, in the shard its output will live in. */
  Path newTemp(OutputId out) throws IOException {
    return local.writer().newTempFile(out.hash());
  }

  /** Stores a verified body; returns the path to hand to go. */
  Path put(ActionId id, OutputId out, long size, Path verifiedTemp) throws IOException {
    return local.put(id, out, size, verifiedTemp);
  }

  CacheWriter writer() {
    return local.writer();
  }
}
