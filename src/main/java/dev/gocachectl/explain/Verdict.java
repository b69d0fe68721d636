package dev.gocachectl.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * What one differing input slot means: causes of its own, and references to the actions whose
 * output it carries (an {@code import X <id>} line differs because X's output differs: not a cause,
 * a reference to X).
 */
record Verdict(List<Cause> causes, List<Ref> refs) {
  /** The action(s) of this mode and package whose output the line carries. */
  record Ref(String mode, String pkg) {}

  Verdict {
    causes = List.copyOf(causes);
    refs = List.copyOf(refs);
  }

  static Verdict of(Cause... causes) {
    return new Verdict(List.of(causes), List.of());
  }

  static Verdict ref(String mode, String pkg) {
    return new Verdict(List.of(), List.of(new Ref(mode, pkg)));
  }

  /** Both verdicts together. */
  Verdict plus(Verdict o) {
    List<Cause> c = new ArrayList<>(causes);
    c.addAll(o.causes);
    List<Ref> r = new ArrayList<>(refs);
    r.addAll(o.refs);
    return new Verdict(c, r);
  }
}
