package dev.gocachectl.testing;

import dev.gocachectl.cache.ActionEntry;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheSnapshot;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Finds particular entries in a real cache, for tests that damage them. */
public final class CacheInspector {
  private final CacheDir dir;
  private final CacheSnapshot snap;

  public CacheInspector(Path cache) {
    try {
      this.dir = CacheDir.open(cache);
      this.snap = CacheSnapshot.take(dir, 2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public CacheDir dir() {
    return dir;
  }

  public CacheSnapshot snapshot() {
    return snap;
  }

  /**
   * The entry whose output is the compiled archive of a package, as the real go command reports it:
   * {@code go list -export} prints the cache file it would hand to the compiler.
   */
  public ActionEntry archiveOf(String importPath) {
    Path module = WarmCache.base().module().dir();
    GoTool go = GoEnv.isolated(dir.root().resolveSibling("list-home"), dir.root());
    String export =
        GoEnv.ok(go, module, "list", "-export", "-f", "{{.Export}}", importPath).stdout().strip();
    String name = Path.of(export).getFileName().toString();
    OutputId out = OutputId.fromHex(name.substring(0, 64));
    List<ActionEntry> users = snap.referrers().getOrDefault(out, List.of());
    if (users.size() != 1) {
      throw new AssertionError(
          importPath + ": expected one entry naming " + export + ", found " + users);
    }
    return users.getFirst();
  }

  /** An entry whose output is the empty output, which many entries share. */
  public ActionEntry entryWithEmptyOutput() {
    Map<OutputId, List<ActionEntry>> refs = snap.referrers();
    List<ActionEntry> users = refs.get(OutputId.EMPTY);
    if (users == null || users.size() < 2) {
      throw new AssertionError("expected several entries with the empty output");
    }
    return users.get(0);
  }

  /** The entry of the cached executable ({@code go run}). */
  public ActionEntry executable() {
    for (CacheSnapshot.Action a : snap.actions()) {
      ActionEntry e = a.entry();
      if (e != null
          && snap.outputs().containsKey(e.output())
          && snap.outputs().get(e.output()).dir()) {
        return e;
      }
    }
    throw new AssertionError("no executable entry in " + dir);
  }

  /** How many valid entries name this output. */
  public int referrers(OutputId out) {
    return snap.referrers().getOrDefault(out, List.of()).size();
  }
}
