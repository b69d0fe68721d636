package dev.gocachectl.explain;

import java.util.List;

/**
 * Why the actions of capture B differ from those of capture A: root causes (one per cause per
 * action, and grouped), totals, the actions only one side ran, and notes.
 */
public record Explanation(
    Manifest a,
    Manifest b,
    List<RootCause> causes,
    List<CauseGroup> groups,
    Totals totals,
    List<ActionKey> onlyInA,
    List<ActionKey> onlyInB,
    List<String> notes) {
  /**
   * Counts over the actions both sides ran: equal IDs, differing IDs, and of those the actions with
   * a cause of their own (roots) and the ones rebuilt only because of others (downstream). {@code
   * unexplained} counts downstream actions no root reaches (they carry the output of an action only
   * one side ran).
   */
  public record Totals(
      int compared, int equal, int differing, int roots, int downstream, int unexplained) {}

  public Explanation {
    causes = List.copyOf(causes);
    groups = List.copyOf(groups);
    onlyInA = List.copyOf(onlyInA);
    onlyInB = List.copyOf(onlyInB);
    notes = List.copyOf(notes);
  }

  /** Whether anything differs. */
  public boolean differs() {
    return totals.differing() > 0 || !onlyInA.isEmpty() || !onlyInB.isEmpty();
  }
}
