package dev.gocachectl.verify;

import dev.gocachectl.cache.ActionEntry;
import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheSnapshot;
import dev.gocachectl.cache.EntryRead;
import dev.gocachectl.cache.OutputId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The second look at problems in recently modified files. Go writes an output in place (its last
 * byte last) and then the entry, and rewrites entries in place, so a verify that runs beside a
 * build can catch a file half-written. A problem in a file modified within the settle window is
 * derived again after a pause; if the second look does not find the same problem, it was a live
 * write and is dropped.
 */
final class Recheck {
  private final CacheDir dir;
  private final Clock clock;
  private final VerifyOptions options;
  private final Verifier.Pause pause;
  private int dropped;

  Recheck(CacheDir dir, Clock clock, VerifyOptions options, Verifier.Pause pause) {
    this.dir = dir;
    this.clock = clock;
    this.options = options;
    this.pause = pause;
  }

  /** How many problems the second look dropped. */
  int dropped() {
    return dropped;
  }

  List<Finding> filter(List<Finding> findings) throws IOException {
    List<Finding> kept = new ArrayList<>(findings.size());
    List<Finding> suspects = new ArrayList<>();
    for (Finding f : findings) {
      if (f.kind().isProblem() && recent(f)) {
        suspects.add(f);
      } else {
        kept.add(f);
      }
    }
    if (suspects.isEmpty()) {
      return kept;
    }
    try {
      pause.sleep(options.recheckDelay());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted before re-checking recent entries", e);
    }
    OutputHasher hasher = new OutputHasher();
    for (Finding f : suspects) {
      if (again(f, hasher).contains(f)) {
        kept.add(f);
      } else {
        dropped++;
      }
    }
    return kept;
  }

  private boolean recent(Finding f) throws IOException {
    long cutoff = clock.millis() - options.settle().toMillis();
    for (Path p : involved(f)) {
      try {
        if (Files.getLastModifiedTime(p).toMillis() >= cutoff) {
          return true;
        }
      } catch (NoSuchFileException e) {
        return true; // gone since the first look: certainly not settled
      }
    }
    return false;
  }

  private Set<Path> involved(Finding f) {
    Set<Path> paths = new LinkedHashSet<>();
    paths.add(f.path());
    if (f.actionId() != null) {
      paths.add(dir.actionFile(f.actionId()));
    }
    if (f.outputId() != null) {
      paths.add(dir.outputPath(f.outputId()));
    }
    return paths;
  }

  private List<Finding> again(Finding f, OutputHasher hasher) throws IOException {
    switch (f.kind()) {
      case ENTRY_MALFORMED, ENTRY_ID_MISMATCH -> {
        Finding now = readEntry(f.actionId());
        return now == null ? List.of() : List.of(now);
      }
      default -> {
        return checkOutput(f.outputId(), f.actionId(), hasher);
      }
    }
  }

  private Finding readEntry(ActionId id) throws IOException {
    Path file = dir.actionFile(id);
    try {
      EntryRead read = CacheDir.readAction(file, id);
      long mtime = Files.getLastModifiedTime(file).toMillis();
      return Verifier.entryFinding(
          new CacheSnapshot.Action(id, file, mtime, Files.size(file), read));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Re-checks an output. An entry-level finding is re-derived against that entry as it is now. An
   * output-level finding (hash, directory shape) does not depend on which entry names the output,
   * so it is re-derived against a stand-in entry of the file's current size; only the original
   * finding is looked for in the result.
   */
  private List<Finding> checkOutput(OutputId out, ActionId by, OutputHasher hasher)
      throws IOException {
    Path path = dir.outputPath(out);
    if (!Files.exists(path)) {
      return List.of();
    }
    List<ActionEntry> entries = new ArrayList<>();
    if (by != null) {
      try {
        if (CacheDir.readAction(dir.actionFile(by), by) instanceof EntryRead.Valid(ActionEntry e)
            && e.output().equals(out)) {
          entries.add(e);
        }
      } catch (NoSuchFileException e) {
        return List.of();
      }
    } else {
      long size = Files.isDirectory(path) ? -1 : Files.size(path);
      ActionId any = new ActionId(out.hash());
      entries.add(new ActionEntry(any, out, Math.max(size, 0), 0));
    }
    if (entries.isEmpty()) {
      return List.of();
    }
    return new OutputCheck(dir, out, path, Files.isDirectory(path), entries).run(hasher, n -> {});
  }
}
