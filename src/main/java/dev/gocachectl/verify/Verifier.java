package dev.gocachectl.verify;

import dev.gocachectl.cache.ActionEntry;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheSnapshot;
import dev.gocachectl.cache.EntryRead;
import dev.gocachectl.cache.OutputId;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Verifies a Go build cache: every action entry parsed as Go parses it, every output that an entry
 * names re-hashed against its output ID and checked against the entry's size, executable
 * directories checked for their one file, and compiled archives checked for a build ID that names
 * the entry's action. Outputs are hashed as the walk lists them ({@link ParallelHash}), orphans
 * too, and judged against the entries naming them once the walk is over.
 *
 * <p>Verify only reads. It is safe while go processes use the cache: a problem in a file modified
 * within {@link VerifyOptions#settle()} is looked at again after {@link
 * VerifyOptions#recheckDelay()}, and dropped as a live write if it changed in between.
 */
public final class Verifier {
  /** Waits between the two looks at a recent problem; a seam for tests. */
  @FunctionalInterface
  public interface Pause {
    void sleep(Duration d) throws InterruptedException, IOException;
  }

  private final VerifyOptions options;
  private final Clock clock;
  private final Pause pause;

  public Verifier(VerifyOptions options, Clock clock) {
    this(options, clock, d -> Thread.sleep(d));
  }

  public Verifier(VerifyOptions options, Clock clock, Pause pause) {
    this.options = options;
    this.clock = clock;
    this.pause = pause;
  }

  /** Verifies the cache. */
  public VerifyReport verify(CacheDir dir, VerifyProgress progress) throws IOException {
    long t0 = System.nanoTime();
    progress.start(0);
    ParallelHash hashing = new ParallelHash(options.jobs(), progress);
    CacheSnapshot snap;
    try {
      snap = CacheSnapshot.take(dir, options.jobs(), hashing::submit);
    } catch (IOException | RuntimeException e) {
      try {
        hashing.finish(); // the hashing threads end with the walk
      } catch (IOException | RuntimeException also) {
        e.addSuppressed(also);
      }
      throw e;
    }
    Map<OutputId, OutputCheck.Looked> looked = hashing.finish();
    progress.done();
    List<Finding> findings = new ArrayList<>();
    for (CacheSnapshot.Action a : snap.actions()) {
      Finding f = entryFinding(a);
      if (f != null) {
        findings.add(f);
      }
    }
    Map<OutputId, List<ActionEntry>> refs = snap.referrers();
    int checked = 0;
    for (Map.Entry<OutputId, List<ActionEntry>> e : refs.entrySet()) {
      CacheSnapshot.Output o = snap.outputs().get(e.getKey());
      if (o == null) {
        for (ActionEntry entry : e.getValue()) {
          findings.add(
              new Finding(
                  FindingKind.DANGLING_ACTION,
                  dir.actionFile(entry.id()),
                  entry.id(),
                  entry.output(),
                  "output " + e.getKey().hex() + "-d",
                  "no output file"));
        }
      } else {
        findings.addAll(
            new OutputCheck(dir, o.id(), o.path(), o.dir(), e.getValue())
                .judge(looked.get(o.id())));
        checked++;
      }
    }
    for (CacheSnapshot.Output o : snap.outputs().values()) {
      if (!refs.containsKey(o.id())) {
        findings.add(
            new Finding(
                FindingKind.ORPHAN_OUTPUT,
                o.path(),
                null,
                o.id(),
                "an action entry naming it",
                "none (" + o.size() + " bytes reclaimable)"));
      }
    }
    for (CacheSnapshot.Foreign f : snap.foreign()) {
      findings.add(new Finding(FindingKind.FOREIGN_FILE, f.path(), null, null, null, f.why()));
    }
    Recheck recheck = new Recheck(dir, clock, options, pause);
    List<Finding> kept = recheck.filter(findings);
    kept.sort(ORDER);
    return new VerifyReport(
        dir.root().toString(),
        List.copyOf(kept),
        snap.actions().size(),
        checked,
        hashing.bytes(),
        recheck.dropped(),
        Duration.ofNanos(System.nanoTime() - t0));
  }

  static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> !f.kind().isProblem())
          .thenComparing(Finding::kind)
          .thenComparing(Finding::path);

  static Finding entryFinding(CacheSnapshot.Action a) {
    return switch (a.read()) {
      case EntryRead.Valid v -> null;
      case EntryRead.Malformed m ->
          new Finding(
              FindingKind.ENTRY_MALFORMED,
              a.path(),
              a.id(),
              null,
              "a " + ActionEntry.SIZE + "-byte v1 entry",
              m.reason() + " (" + a.fileSize() + " bytes)");
      case EntryRead.IdMismatch im ->
          new Finding(
              FindingKind.ENTRY_ID_MISMATCH,
              a.path(),
              a.id(),
              null,
              "ID " + a.id().hex(),
              "ID " + im.found().hex());
    };
  }
}
