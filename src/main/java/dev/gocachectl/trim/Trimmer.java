package dev.gocachectl.trim;

import dev.gocachectl.cache.ActionEntry;
import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheSnapshot;
import dev.gocachectl.cache.CacheWriter;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.cache.TrimJournal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trims a Go build cache to a size budget and/or an age, least recently used first, while go
 * processes may be using it.
 *
 * <p>Safety rules, in the order they apply:
 *
 * <ol>
 *   <li>Only {@code -a}/{@code -d} files (and {@code -d} directories) in the 256 shards, and this
 *       tool's own stale temporary files, are ever deleted: never {@code README}, {@code trim.txt},
 *       {@code testexpire.txt}, {@code fuzz/}, a shard directory or a foreign file.
 *   <li>Nothing with an mtime inside {@link TrimPolicy#keepRecent()} is deleted, whatever the
 *       budget. Go refreshes "last used" only when it is over an hour stale, and a path it handed
 *       out is opened later by the compiler or linker.
 *   <li>Each file is stat-ed again just before it is unlinked; if its mtime moved since the scan, a
 *       go process just used it, and it stays.
 *   <li>An action entry goes before its output, and an output goes only when no remaining entry
 *       names it, so that a trim never leaves an entry pointing at nothing when it could avoid it.
 * </ol>
 *
 * <p>Order is by each action entry's own mtime (go stamps it on every hit), as go's own trim treats
 * files independently; an output shared by many entries (the empty compiler output) stays until the
 * last of them goes.
 */
public final class Trimmer {
  /** Runs between the scan and the deletes; a seam where tests play a concurrent go process. */
  @FunctionalInterface
  interface AfterScan {
    void run() throws IOException;
  }

  private final Clock clock;
  private final int threads;
  private final AfterScan afterScan;

  public Trimmer(Clock clock, int threads) {
    this(clock, threads, () -> {});
  }

  Trimmer(Clock clock, int threads, AfterScan afterScan) {
    this.clock = clock;
    this.threads = threads;
    this.afterScan = afterScan;
  }

  /** Trims the cache per the policy. */
  public TrimReport trim(CacheDir dir, TrimPolicy policy) throws IOException {
    CacheSnapshot snap = CacheSnapshot.take(dir, threads);
    afterScan.run();
    long now = clock.millis();
    long floor = now - policy.keepRecent().toMillis();
    long ageCutoff = policy.maxAge().map(a -> now - a.toMillis()).orElse(Long.MIN_VALUE);
    Deleter deleter = new Deleter(policy.dryRun());

    long temps = 0;
    for (CacheSnapshot.Foreign f : snap.foreign()) {
      if (isOwnTemp(f.path())
          && f.mtimeMillis() < floor
          && deleter.delete(f.path(), f.mtimeMillis())) {
        temps++;
      }
    }

    Map<OutputId, Integer> refs = new HashMap<>();
    long before = 0;
    long protectedBytes = 0;
    for (CacheSnapshot.Action a : snap.actions()) {
      before += a.fileSize();
      protectedBytes += a.mtimeMillis() >= floor ? a.fileSize() : 0;
      ActionEntry e = a.entry();
      if (e != null && snap.outputs().containsKey(e.output())) {
        refs.merge(e.output(), 1, Integer::sum);
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    for (CacheSnapshot.Action a : snap.actions()) {
      candidates.add(new Candidate(a.mtimeMillis(), a, null));
    }
    for (CacheSnapshot.Output o : snap.outputs().values()) {
      before += o.size();
      protectedBytes += o.mtimeMillis() >= floor ? o.size() : 0;
      if (!refs.containsKey(o.id())) {
        candidates.add(new Candidate(o.mtimeMillis(), null, o));
      }
    }
    candidates.sort(Comparator.comparingLong(Candidate::mtime));

    long remaining = before;
    long deletedActions = 0;
    long deletedOutputs = 0;
    List<ActionId> removedIds = new ArrayList<>();
    for (Candidate c : candidates) {
      if (c.mtime() >= floor) {
        break; // sorted: everything after is recent too
      }
      boolean byAge = c.mtime() < ageCutoff;
      boolean bySize = policy.maxBytes().isPresent() && remaining > policy.maxBytes().get();
      if (!byAge && !bySize) {
        break; // sorted: nothing after is older, and the budget holds
      }
      if (c.output() != null) {
        if (deleter.delete(c.output().path(), c.output().mtimeMillis())) {
          remaining -= c.output().size();
          deletedOutputs++;
        }
        continue;
      }
      CacheSnapshot.Action a = c.action();
      if (!deleter.delete(a.path(), a.mtimeMillis())) {
        continue;
      }
      remaining -= a.fileSize();
      deletedActions++;
      removedIds.add(a.id());
      ActionEntry e = a.entry();
      if (e == null || refs.merge(e.output(), -1, Integer::sum) != 0) {
        continue;
      }
      CacheSnapshot.Output o = snap.outputs().get(e.output());
      boolean outputEligible = o.mtimeMillis() < floor && (bySize || o.mtimeMillis() < ageCutoff);
      if (outputEligible && deleter.delete(o.path(), o.mtimeMillis())) {
        remaining -= o.size();
        deletedOutputs++;
      }
    }
    if (!policy.dryRun()) {
      TrimJournal.record(dir, removedIds); // so prog can tell a trimmed entry from a new one
    }
    long left = remaining;
    boolean budgetMet = policy.maxBytes().map(b -> left <= b).orElse(true);
    return new TrimReport(
        dir.root().toString(),
        policy.dryRun(),
        snap.actions().size() + snap.outputs().size(),
        before,
        deletedActions,
        deletedOutputs,
        temps,
        before - remaining,
        deleter.moved(),
        protectedBytes,
        remaining,
        budgetMet,
        List.copyOf(removedIds));
  }

  private static boolean isOwnTemp(Path p) {
    return CacheWriter.isTempName(p.getFileName().toString());
  }

  /** An action entry, or an output that no entry names. */
  private record Candidate(long mtime, CacheSnapshot.Action action, CacheSnapshot.Output output) {}
}
