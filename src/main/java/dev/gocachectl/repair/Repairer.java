package dev.gocachectl.repair;

import dev.gocachectl.cache.ActionEntry;
import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheSnapshot;
import dev.gocachectl.cache.EntryRead;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.verify.Finding;
import dev.gocachectl.verify.FindingKind;
import dev.gocachectl.verify.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes what verify found broken, and nothing else: the bad action entry, and a bad output with
 * every entry naming it (they all lead to the same bad bytes). An intact output named by one bad
 * entry stays when another entry still names it. Go treats every removed file as a miss and
 * rebuilds exactly that.
 *
 * <p>Each condemned file is looked at once more before it goes: an entry that parses now, or an
 * output that hashes right now, was rewritten by a go process since verify and is left alone.
 */
public final class Repairer {
  private final int threads;

  public Repairer(int threads) {
    this.threads = threads;
  }

  /** Removes the problems in {@code report} from {@code dir}. */
  public RepairReport repair(CacheDir dir, VerifyReport report, boolean dryRun) throws IOException {
    List<Finding> problems = report.problems();
    if (problems.isEmpty()) {
      return new RepairReport(dir.root().toString(), dryRun, 0, List.of(), 0);
    }
    Map<OutputId, List<ActionEntry>> refs = CacheSnapshot.take(dir, threads).referrers();
    Map<Path, Removal> actions = new LinkedHashMap<>();
    Map<Path, Removal> outputs = new LinkedHashMap<>();
    int recovered = 0;
    for (Finding f : problems) {
      switch (f.kind()) {
        case ENTRY_MALFORMED, ENTRY_ID_MISMATCH -> {
          if (entryStillBad(dir, f.actionId())) {
            actions.putIfAbsent(f.path(), new Removal(f.path(), f.kind(), f.found()));
          } else {
            recovered++;
          }
        }
        case BUILDID_MISMATCH -> {
          Path a = dir.actionFile(f.actionId());
          actions.putIfAbsent(
              a, new Removal(a, f.kind(), "entry names an archive built for another action"));
          dropOutputIfUnused(dir, f, refs, outputs);
        }
        case OUTPUT_SIZE_MISMATCH -> {
          if (dir.outputIntact(f.outputId())) {
            Path a = dir.actionFile(f.actionId());
            actions.putIfAbsent(
                a,
                new Removal(
                    a, f.kind(), "entry records " + f.expected() + ", output has " + f.found()));
          } else {
            condemnOutput(dir, f, refs, actions, outputs);
          }
        }
        case OUTPUT_HASH_MISMATCH, OUTPUT_DIR_MALFORMED -> {
          if (f.kind() == FindingKind.OUTPUT_HASH_MISMATCH && dir.outputIntact(f.outputId())) {
            recovered++;
          } else {
            condemnOutput(dir, f, refs, actions, outputs);
          }
        }
        default -> throw new IllegalStateException("not a problem kind: " + f.kind());
      }
    }
    List<Removal> removed = new ArrayList<>();
    for (Removal r : actions.values()) {
      if (remove(r.path(), dryRun)) {
        removed.add(r);
      }
    }
    for (Removal r : outputs.values()) {
      if (remove(r.path(), dryRun)) {
        removed.add(r);
      }
    }
    return new RepairReport(
        dir.root().toString(), dryRun, problems.size(), List.copyOf(removed), recovered);
  }

  private static void condemnOutput(
      CacheDir dir,
      Finding f,
      Map<OutputId, List<ActionEntry>> refs,
      Map<Path, Removal> actions,
      Map<Path, Removal> outputs) {
    Path out = dir.outputPath(f.outputId());
    outputs.putIfAbsent(out, new Removal(out, f.kind(), "output is damaged: " + f.found()));
    for (ActionEntry e : refs.getOrDefault(f.outputId(), List.of())) {
      Path a = dir.actionFile(e.id());
      actions.putIfAbsent(
          a, new Removal(a, f.kind(), "entry names the damaged output " + f.outputId().hex()));
    }
  }

  private static void dropOutputIfUnused(
      CacheDir dir, Finding f, Map<OutputId, List<ActionEntry>> refs, Map<Path, Removal> outputs) {
    List<ActionEntry> users = refs.getOrDefault(f.outputId(), List.of());
    boolean usedElsewhere = users.stream().anyMatch(e -> !e.id().equals(f.actionId()));
    if (!usedElsewhere) {
      Path out = dir.outputPath(f.outputId());
      outputs.putIfAbsent(
          out, new Removal(out, f.kind(), "output named only by the removed entry"));
    }
  }

  private static boolean entryStillBad(CacheDir dir, ActionId id) throws IOException {
    try {
      return !(dir.readAction(id) instanceof EntryRead.Valid);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static boolean remove(Path p, boolean dryRun) throws IOException {
    if (!Files.exists(p)) {
      return false;
    }
    if (dryRun) {
      return true;
    }
    return CacheDir.removeEntry(p);
  }
}
