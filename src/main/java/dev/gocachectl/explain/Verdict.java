package dev.gocachectl.explain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * What one differing input slot means: causes of its own, and references to the actions whose
 * output it carries (an {@code import X <id>} line differs because X's output differs: not a cause,
 * a reference to X). Each cause may name the settings it follows from ({@link Setting}): a file
 * selected by {@code //go:build race} follows from {@code -race}; when that setting differs too,
 * the cause is the setting's.
 */
record Verdict(List<Cause> causes, List<Set<String>> follows, List<Ref> refs) {
  /**
   * The action(s) of this mode and package whose output the line carries. {@code added}: the line
   * is on one side only, so the action's own imports changed; if the dependency is the same on both
   * sides, that is no cause of its own.
   */
  record Ref(String mode, String pkg, boolean added) {}

  Verdict {
    causes = List.copyOf(causes);
    follows = List.copyOf(follows);
    refs = List.copyOf(refs);
    if (follows.size() != causes.size()) {
      throw new IllegalArgumentException("one follows set per cause");
    }
  }

  static Verdict of(Cause... causes) {
    return of(List.of(causes));
  }

  static Verdict of(List<Cause> causes) {
    return new Verdict(causes, Collections.nCopies(causes.size(), Set.of()), List.of());
  }

  /** A cause that is the given settings' when one of them differs too. */
  static Verdict following(Set<String> settings, Cause cause) {
    return new Verdict(List.of(cause), List.of(Set.copyOf(settings)), List.of());
  }

  /** Nothing of its own: the line follows from another line of the same action. */
  static Verdict none() {
    return new Verdict(List.of(), List.of(), List.of());
  }

  static Verdict ref(String mode, String pkg, boolean added) {
    return new Verdict(List.of(), List.of(), List.of(new Ref(mode, pkg, added)));
  }

  /** Both verdicts together. */
  Verdict plus(Verdict o) {
    List<Cause> c = new ArrayList<>(causes);
    c.addAll(o.causes);
    List<Set<String>> f = new ArrayList<>(follows);
    f.addAll(o.follows);
    List<Ref> r = new ArrayList<>(refs);
    r.addAll(o.refs);
    return new Verdict(c, f, r);
  }
}
