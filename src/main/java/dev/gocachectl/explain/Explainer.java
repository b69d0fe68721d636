package dev.gocachectl.explain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two captures. Actions are aligned by mode, package and ordinal; an action whose ID
 * differs is diffed slot by slot ({@link ActionDiff}). An action with a cause of its own is a root;
 * one whose only differing lines carry the output of other differing actions ({@code import X},
 * {@code packagefile X}) is downstream of them and is counted under each root it is reached from,
 * never reported as a cause. A carried output that changed although the action producing it did not
 * is a cause ({@code other}: a non-reproducible build).
 */
public final class Explainer {
  private Explainer() {}

  /** Explains why B's actions differ from A's. */
  public static Explanation explain(Manifest a, Manifest b) {
    Map<ActionKey, CapturedAction> ma = a.byKey();
    Map<ActionKey, CapturedAction> mb = b.byKey();
    List<ActionKey> onlyA = new ArrayList<>();
    List<ActionKey> onlyB = new ArrayList<>();
    Map<ActionKey, ActionDiff> diffs = new LinkedHashMap<>();
    int compared = 0;
    for (Map.Entry<ActionKey, CapturedAction> e : ma.entrySet()) {
      CapturedAction other = mb.get(e.getKey());
      if (other == null) {
        onlyA.add(e.getKey());
        continue;
      }
      compared++;
      if (!e.getValue().id().equals(other.id()) || !e.getValue().salt().equals(other.salt())) {
        diffs.put(e.getKey(), ActionDiff.of(e.getValue(), other));
      }
    }
    for (ActionKey k : mb.keySet()) {
      if (!ma.containsKey(k)) {
        onlyB.add(k);
      }
    }
    Map<String, List<ActionKey>> changed = changedByName(diffs.keySet(), onlyA, onlyB);
    Map<ActionKey, List<ActionDiff.Found>> own = new LinkedHashMap<>();
    Map<ActionKey, Set<ActionKey>> usedBy = new HashMap<>();
    for (ActionDiff d : diffs.values()) {
      List<ActionDiff.Found> found = new ArrayList<>(d.causes());
      for (Verdict.Ref r : d.refs()) {
        List<ActionKey> targets = changed.getOrDefault(r.mode() + " " + r.pkg(), List.of());
        if (targets.isEmpty() && !r.added()) {
          // An import on one side only is the importer's own change (its source, or the files a
          // setting selects), whatever the dependency; only a carried output that changed while
          // its producer did not is a cause.
          found.add(unchangedProducer(r, ma, mb));
        }
        for (ActionKey t : targets) {
          usedBy.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(d.key());
        }
      }
      if (!found.isEmpty()) {
        own.put(d.key(), found);
      }
    }
    foldUnderSettings(own);
    Explanation e = assemble(a, b, compared, diffs, own, usedBy, onlyA, onlyB);
    return HeaderNote.add(e, ma, mb);
  }

  private static Explanation assemble(
      Manifest a,
      Manifest b,
      int compared,
      Map<ActionKey, ActionDiff> diffs,
      Map<ActionKey, List<ActionDiff.Found>> own,
      Map<ActionKey, Set<ActionKey>> usedBy,
      List<ActionKey> onlyA,
      List<ActionKey> onlyB) {
    List<RootCause> causes = new ArrayList<>();
    Set<ActionKey> reached = new LinkedHashSet<>();
    for (Map.Entry<ActionKey, List<ActionDiff.Found>> e : own.entrySet()) {
      List<ActionKey> down = downstream(e.getKey(), usedBy, own);
      reached.addAll(down);
      for (ActionDiff.Found f : e.getValue()) {
        causes.add(new RootCause(e.getKey(), f.cause(), f.lineA(), f.lineB(), down));
      }
    }
    int downstream = diffs.size() - own.size();
    int unexplained = downstream - reached.size();
    var totals =
        new Explanation.Totals(
            compared, compared - diffs.size(), diffs.size(), own.size(), downstream, unexplained);
    List<String> notes = new ArrayList<>();
    a.notes().forEach(n -> notes.add(b.notes().contains(n) ? n : "A: " + n));
    b.notes().stream().filter(n -> !a.notes().contains(n)).forEach(n -> notes.add("B: " + n));
    return new Explanation(a, b, causes, group(causes), totals, onlyA, onlyB, notes);
  }

  /**
   * A cause that follows from settings none of which differs in its own action (a file selected by
   * {@code //go:build foo} in a library, where only main packages record {@code -tags}) is the
   * cause of the first such setting found differing in another action.
   */
  private static void foldUnderSettings(Map<ActionKey, List<ActionDiff.Found>> own) {
    Map<String, Cause> settings = new HashMap<>();
    for (boolean primary : new boolean[] {true, false}) {
      for (List<ActionDiff.Found> found : own.values()) {
        for (ActionDiff.Found f : found) {
          if (f.follows().isEmpty() == primary) {
            settings.putIfAbsent(f.cause().subject(), f.cause());
          }
        }
      }
    }
    for (Map.Entry<ActionKey, List<ActionDiff.Found>> e : own.entrySet()) {
      List<ActionDiff.Found> out = new ArrayList<>();
      Set<String> seen = new java.util.HashSet<>();
      for (ActionDiff.Found f : e.getValue()) {
        ActionDiff.Found g = f;
        for (String s : f.follows()) {
          Cause setting = settings.get(s);
          if (setting != null) {
            g = f.as(setting);
            break;
          }
        }
        if (seen.add(g.cause().groupKey())) {
          out.add(g);
        }
      }
      e.setValue(out);
    }
  }

  /** Non-root differing actions reachable from {@code root} through non-root actions. */
  private static List<ActionKey> downstream(
      ActionKey root, Map<ActionKey, Set<ActionKey>> usedBy, Map<ActionKey, ?> roots) {
    Set<ActionKey> seen = new TreeSet<>();
    Deque<ActionKey> work = new ArrayDeque<>(List.of(root));
    while (!work.isEmpty()) {
      for (ActionKey user : usedBy.getOrDefault(work.pop(), Set.of())) {
        if (!roots.containsKey(user) && seen.add(user)) {
          work.push(user);
        }
      }
    }
    return List.copyOf(seen);
  }

  private static List<CauseGroup> group(List<RootCause> causes) {
    Map<String, List<RootCause>> byKey = new LinkedHashMap<>();
    for (RootCause rc : causes) {
      byKey.computeIfAbsent(rc.cause().groupKey(), k -> new ArrayList<>()).add(rc);
    }
    List<CauseGroup> groups = new ArrayList<>();
    for (List<RootCause> members : byKey.values()) {
      Set<ActionKey> roots = new LinkedHashSet<>();
      Set<ActionKey> down = new TreeSet<>();
      members.forEach(
          m -> {
            roots.add(m.action());
            down.addAll(m.downstream());
          });
      down.removeAll(roots);
      groups.add(new CauseGroup(members.getFirst().cause(), members, List.copyOf(down)));
    }
    groups.sort(
        Comparator.comparingInt((CauseGroup g) -> -(g.roots().size() + g.downstream().size()))
            .thenComparing(g -> g.cause().category()));
    return groups;
  }

  /** Differing and one-sided actions by {@code mode pkg}, whatever their ordinal. */
  private static Map<String, List<ActionKey>> changedByName(
      Set<ActionKey> differing, List<ActionKey> onlyA, List<ActionKey> onlyB) {
    Map<String, List<ActionKey>> m = new HashMap<>();
    for (List<ActionKey> keys : List.of(List.copyOf(differing), onlyA, onlyB)) {
      for (ActionKey k : keys) {
        m.computeIfAbsent(k.mode() + " " + k.pkg(), x -> new ArrayList<>()).add(k);
      }
    }
    return m;
  }

  /** A carried output changed, but the action producing it is the same on both sides. */
  private static ActionDiff.Found unchangedProducer(
      Verdict.Ref r, Map<ActionKey, CapturedAction> ma, Map<ActionKey, CapturedAction> mb) {
    ActionKey k = new ActionKey(r.mode(), r.pkg(), 0);
    boolean seen = ma.containsKey(k) || mb.containsKey(k);
    String subject = "output of " + k + (seen ? "" : " (not in the captures)");
    Cause c =
        new Cause(
            Category.OTHER,
            subject,
            "one output",
            "another output",
            seen
                ? "Its inputs are equal on both sides but its output differs: a non-reproducible"
                    + " build (a C compiler embedding paths or times, a generator), or an entry"
                    + " written by another toolchain. Rebuild it with -a on one side to compare."
                : "The capture does not show how it was built; capture the whole go command.",
            "dependency output");
    return new ActionDiff.Found(c, null, null);
  }
}
