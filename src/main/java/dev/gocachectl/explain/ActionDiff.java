package dev.gocachectl.explain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one action's inputs differ between two captures, slot by slot ({@link InputSlot}): the root
 * causes found in its own lines, with the line on each side, and the dependencies whose changed
 * output it merely carries. A cause that follows from a setting ({@link Setting}) which differs in
 * the same action is folded under that setting; one whose setting differs elsewhere is folded by
 * {@link Explainer}.
 */
record ActionDiff(ActionKey key, List<Found> causes, Set<Verdict.Ref> refs) {
  /**
   * A cause, with the raw line of its slot on each side (null where absent), and the settings it
   * follows from when they differ too.
   */
  record Found(Cause cause, String lineA, String lineB, Set<String> follows) {
    Found(Cause cause, String lineA, String lineB) {
      this(cause, lineA, lineB, Set.of());
    }

    /** The same lines under another cause (the setting it follows from). */
    Found as(Cause setting) {
      return new Found(setting, lineA, lineB, Set.of());
    }
  }

  static ActionDiff of(CapturedAction a, CapturedAction b) {
    List<Found> causes = new ArrayList<>();
    Set<Verdict.Ref> refs = new LinkedHashSet<>();
    if (!a.salt().equals(b.salt())) {
      Cause c = Cause.of(Category.TOOLCHAIN, Setting.GO_VERSION, a.salt(), b.salt(), "hash salt");
      causes.add(new Found(c, a.salt(), b.salt()));
    }
    Map<String, InputLine> sa = slots(a);
    Map<String, InputLine> sb = slots(b);
    FileLines.Dirs dirs = new FileLines.Dirs(dir(sa), dir(sb));
    Set<String> all = new LinkedHashSet<>(sa.keySet());
    all.addAll(sb.keySet());
    for (String slot : all) {
      InputLine la = sa.get(slot);
      InputLine lb = sb.get(slot);
      if (la != null && lb != null && la.quoted().equals(lb.quoted())) {
        continue;
      }
      String baseSlot = slot.contains("#") ? slot.substring(0, slot.indexOf('#')) : slot;
      if (compilerOnOneSide(baseSlot, sa, sb)) {
        continue;
      }
      Verdict v = LineClassifier.classify(a.key(), baseSlot, la, lb, dirs);
      for (int i = 0; i < v.causes().size(); i++) {
        causes.add(new Found(v.causes().get(i), text(la), text(lb), v.follows().get(i)));
      }
      refs.addAll(v.refs());
    }
    if (causes.isEmpty() && refs.isEmpty()) {
      Cause c =
          Cause.of(Category.OTHER, "order of the inputs", "same lines", "another order", "hash");
      causes.add(new Found(c, null, null));
    }
    return new ActionDiff(a.key(), suppressConsequences(causes), refs);
  }

  /**
   * {@code CC ID=...} of a C compiler whose {@code CC=...} line is on one side only: hashed only
   * when the package has cgo files, which its file lines show.
   */
  private static boolean compilerOnOneSide(
      String slot, Map<String, InputLine> sa, Map<String, InputLine> sb) {
    int sp = slot.indexOf(" ID");
    if (sp < 0 || !List.of("CC", "CXX", "FC").contains(slot.substring(0, sp))) {
      return false;
    }
    String compiler = slot.substring(0, sp);
    return sa.containsKey(compiler) != sb.containsKey(compiler);
  }

  /**
   * A different Go version brings other tool IDs, and a cause that follows from a setting which
   * differs in the same action is that setting's: neither is listed apart. The same cause found
   * through several lines (GOEXPERIMENT in each tool ID) is listed once.
   */
  private static List<Found> suppressConsequences(List<Found> causes) {
    boolean version = causes.stream().anyMatch(f -> f.cause().subject().equals(Setting.GO_VERSION));
    List<Found> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Found f : causes) {
      Cause c = f.cause();
      boolean tool = c.category() == Category.TOOLCHAIN && !c.subject().equals(Setting.GO_VERSION);
      boolean folded =
          causes.stream().anyMatch(o -> o != f && f.follows().contains(o.cause().subject()));
      if (!(version && tool) && !folded && seen.add(c.groupKey())) {
        out.add(f);
      }
    }
    return out;
  }

  /** The action's inputs by slot; a repeated slot gets {@code #2}, {@code #3}... */
  private static Map<String, InputLine> slots(CapturedAction a) {
    Map<String, InputLine> m = new LinkedHashMap<>();
    for (InputLine in : a.inputs()) {
      String slot = InputSlot.of(in.text());
      String k = slot;
      for (int n = 2; m.containsKey(k); n++) {
        k = slot + "#" + n;
      }
      m.put(k, in);
    }
    return m;
  }

  private static Path dir(Map<String, InputLine> slots) {
    InputLine d = slots.get("dir");
    if (d == null) {
      return null;
    }
    try {
      return Path.of(d.text().substring("dir ".length()));
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
  }

  private static String text(InputLine l) {
    return l == null ? null : l.text();
  }
}
