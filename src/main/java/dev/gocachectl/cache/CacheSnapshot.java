package dev.gocachectl.cache;

import dev.gocachectl.failure.Failure;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over a cache: every action entry read and parsed, every output stat-ed, everything else
 * classified as foreign. No output is hashed. {@code stats}, {@code verify}, {@code repair} and
 * {@code trim} all start from a snapshot.
 *
 * <p>A snapshot of a cache that go processes are using is a moving picture: files may vanish or
 * change after they were listed. Consumers re-check a file before acting on it.
 */
public final class CacheSnapshot {
  /** An action entry file as found: where, when last used, and what Go would make of it. */
  public record Action(ActionId id, Path path, long mtimeMillis, long fileSize, EntryRead read) {
    /** The parsed entry, or null if Go would reject it. */
    public ActionEntry entry() {
      return read instanceof EntryRead.Valid(ActionEntry e) ? e : null;
    }
  }

  /** An output file or executable directory as found. */
  public record Output(OutputId id, Path path, long size, long mtimeMillis, boolean dir) {}

  /** A file or directory go does not use, and why it is not one of go's. */
  public record Foreign(Path path, long size, long mtimeMillis, String why) {}

  private final CacheDir dir;
  private final List<Action> actions;
  private final Map<OutputId, Output> outputs;
  private final List<Foreign> foreign;
  private final List<CacheScan.TopLevel> topLevel;

  private CacheSnapshot(
      CacheDir dir,
      List<Action> actions,
      Map<OutputId, Output> outputs,
      List<Foreign> foreign,
      List<CacheScan.TopLevel> topLevel) {
    this.dir = dir;
    this.actions = actions;
    this.outputs = outputs;
    this.foreign = foreign;
    this.topLevel = topLevel;
  }

  /** Takes a snapshot, walking the shards on {@code threads} threads. */
  public static CacheSnapshot take(CacheDir dir, int threads) throws IOException {
    return take(dir, threads, o -> {});
  }

  /**
   * Takes a snapshot and hands each output to {@code onOutput} as soon as its shard is listed (from
   * the walking threads), so that work on outputs can start before the walk ends.
   */
  public static CacheSnapshot take(
      CacheDir dir, int threads, java.util.function.Consumer<Output> onOutput) throws IOException {
    List<Action> actions = Collections.synchronizedList(new ArrayList<>());
    Map<OutputId, Output> outputs = Collections.synchronizedMap(new HashMap<>());
    List<Foreign> foreign = Collections.synchronizedList(new ArrayList<>());
    List<CacheScan.TopLevel> top = CacheScan.topLevel(dir);
    for (CacheScan.TopLevel t : top) {
      String why = topLevelForeignReason(t);
      if (why != null) {
        foreign.add(new Foreign(t.path(), t.size(), t.mtimeMillis(), why));
      }
    }
    CacheScan.shards(
        dir,
        threads,
        shard -> {
          List<Action> a = new ArrayList<>();
          Map<OutputId, Output> o = new HashMap<>();
          List<Foreign> f = new ArrayList<>();
          for (CacheScan.Item item : shard.items()) {
            classify(shard.name(), item, a, o, f);
          }
          o.values().forEach(onOutput);
          actions.addAll(a);
          outputs.putAll(o);
          foreign.addAll(f);
        });
    List<Action> sortedActions = new ArrayList<>(actions);
    sortedActions.sort((x, y) -> x.id().compareTo(y.id()));
    List<Foreign> sortedForeign = new ArrayList<>(foreign);
    sortedForeign.sort((x, y) -> x.path().compareTo(y.path()));
    return new CacheSnapshot(
        dir,
        List.copyOf(sortedActions),
        Map.copyOf(outputs),
        List.copyOf(sortedForeign),
        List.copyOf(top));
  }

  private static String topLevelForeignReason(CacheScan.TopLevel t) {
    String n = t.name();
    if (t.odd() != null) {
      return t.odd();
    }
    if (CacheDir.isShardName(n)) {
      return t.dir() ? null : "a file where go keeps a shard directory";
    }
    if (n.equals(CacheDir.FUZZ) || n.equals(CacheDir.TOOL_STATE)) {
      return t.dir() ? null : "a file where a directory belongs";
    }
    if (CacheDir.isReservedName(n)) {
      return null;
    }
    if (n.equals(CacheDir.HISTORIC_LOG)) {
      return "log.txt from Go 1.10-1.12; go clean -cache deletes it";
    }
    return "not a name go uses at the top of a cache";
  }

  private static void classify(
      String shard,
      CacheScan.Item item,
      List<Action> actions,
      Map<OutputId, Output> outputs,
      List<Foreign> foreign)
      throws IOException {
    CacheFileName name = item.name();
    if (item.odd() != null) {
      foreign.add(new Foreign(item.path(), item.size(), item.mtimeMillis(), item.odd()));
      return;
    }
    if (name == null) {
      String why =
          CacheWriter.isTempName(item.fileName())
              ? "temporary file of an interrupted gocachectl write"
              : "not a name go uses in a shard directory";
      foreign.add(new Foreign(item.path(), item.size(), item.mtimeMillis(), why));
      return;
    }
    if (!name.shard().equals(shard)) {
      foreign.add(
          new Foreign(
              item.path(),
              item.size(),
              item.mtimeMillis(),
              "in shard " + shard + " but go looks for it in shard " + name.shard()));
      return;
    }
    if (name.kind() == CacheFileName.Kind.OUTPUT) {
      OutputId id = name.outputId();
      outputs.put(id, new Output(id, item.path(), item.size(), item.mtimeMillis(), item.dir()));
      return;
    }
    if (item.dir()) {
      foreign.add(
          new Foreign(
              item.path(), item.size(), item.mtimeMillis(), "a directory named like an action"));
      return;
    }
    ActionId id = name.actionId();
    EntryRead read;
    try {
      read = CacheDir.readRegularAction(item.path(), id);
    } catch (NoSuchFileException e) {
      return; // removed since the listing
    } catch (IOException e) {
      // A failure to read says nothing about the entry's bytes: a finding here would make repair
      // remove an entry that may be healthy, so the run stops instead.
      throw unreadable(item.path(), e);
    }
    actions.add(new Action(id, item.path(), item.mtimeMillis(), item.size(), read));
  }

  /** An error naming a file that could not be read, saying nothing was judged by it. */
  public static IOException unreadable(Path file, IOException e) {
    String why = Failure.of(e).problem();
    return new IOException(
        file
            + ": cannot read it ("
            + why
            + "); nothing was judged by it or removed: fix the disk or the permissions, then run"
            + " again",
        e);
  }

  /** The cache directory. */
  public CacheDir dir() {
    return dir;
  }

  /** Every action entry file, sorted by ID. */
  public List<Action> actions() {
    return actions;
  }

  /** Every output, by ID. */
  public Map<OutputId, Output> outputs() {
    return outputs;
  }

  /** Everything go does not use, sorted by path. */
  public List<Foreign> foreign() {
    return foreign;
  }

  /** The top-level names. */
  public List<CacheScan.TopLevel> topLevel() {
    return topLevel;
  }

  /** For each output ID named by a valid entry, the entries naming it. */
  public Map<OutputId, List<ActionEntry>> referrers() {
    Map<OutputId, List<ActionEntry>> refs = new HashMap<>();
    for (Action a : actions) {
      ActionEntry e = a.entry();
      if (e != null) {
        refs.computeIfAbsent(e.output(), k -> new ArrayList<>(1)).add(e);
      }
    }
    return refs;
  }
}
