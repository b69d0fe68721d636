package dev.gocachectl.explain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one action's inputs differ between two captures, slot by slot ({@link InputSlot}): the root
 * causes found in its own lines, with the line on each side, and the dependencies whose changed
 * output it merely carries.
 */
record ActionDiff(ActionKey key, List<Found> causes, Set<Verdict.Ref> refs) {
  /** A cause, with the raw line of its slot on each side (null where absent). */
  record Found(Cause cause, String lineA, String lineB) {}

  static ActionDiff of(CapturedAction a, CapturedAction b) {
    List<Found> causes = new ArrayList<>();
    Set<Verdict.Ref> refs = new LinkedHashSet<>();
    if (!a.salt().equals(b.salt())) {
      Cause c = Cause.of(Category.TOOLCHAIN, "Go version", a.salt(), b.salt(), "hash salt");
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
      Verdict v = LineClassifier.classify(a.key(), baseSlot, la, lb, dirs);
      for (Cause c : v.causes()) {
        causes.add(new Found(c, text(la), text(lb)));
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
   * A different target selects other files, and a different Go version brings other tool IDs: those
   * follow from the target or version cause of the same action and are not listed apart.
   */
  private static List<Found> suppressConsequences(List<Found> causes) {
    boolean target = causes.stream().anyMatch(f -> f.cause().category() == Category.TARGET);
    boolean version = causes.stream().anyMatch(f -> f.cause().subject().equals("Go version"));
    List<Found> out = new ArrayList<>();
    for (Found f : causes) {
      Cause c = f.cause();
      boolean fileSet = c.via().equals("file set");
      boolean tool = c.category() == Category.TOOLCHAIN && !c.subject().equals("Go version");
      if (!(target && fileSet) && !(version && tool)) {
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
