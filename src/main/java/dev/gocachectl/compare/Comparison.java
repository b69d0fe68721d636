package dev.gocachectl.compare;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.explain.Explainer;
import dev.gocachectl.explain.Explanation;
import dev.gocachectl.prog.BuildFingerprint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Two runners' runs of one build compared: the fingerprint fields that differ first (one of them
 * explains thousands of misses), then how many actions each run used that the other did not, then,
 * when both sides have a capture, {@code explain}'s root causes.
 *
 * @param a the first side
 * @param b the second side
 * @param differences the fingerprint fields that differ, {@code a}'s value first
 * @param onlyA actions A's run used that B's did not ask for (-1 without both manifests)
 * @param onlyB actions B's run used that A's did not ask for (-1 without both manifests)
 * @param explanation explain's comparison of the captures, or null without both
 */
public record Comparison(
    RunnerSide a,
    RunnerSide b,
    List<BuildFingerprint.Difference> differences,
    int onlyA,
    int onlyB,
    Explanation explanation) {

  /** Compares two sides. */
  public static Comparison of(RunnerSide a, RunnerSide b) {
    List<BuildFingerprint.Difference> diffs = List.of();
    int onlyA = -1;
    int onlyB = -1;
    if (a.build() != null && b.build() != null) {
      diffs = a.build().fingerprint().differences(b.build().fingerprint());
      onlyA = missing(a.build().actions(), b.build().actions());
      onlyB = missing(b.build().actions(), a.build().actions());
    }
    Explanation e =
        a.capture() != null && b.capture() != null
            ? Explainer.explain(a.capture(), b.capture())
            : null;
    return new Comparison(a, b, diffs, onlyA, onlyB, e);
  }

  /**
   * Whether anything differs that decides action IDs: a fingerprint field, or a root cause of the
   * captures. Actions one run used and the other did not are counted, not judged: a cold run stores
   * parts of test binaries that a warm run, finding the test's result, never asks for, and a warm
   * run asks for a few entries a cold one never looked up.
   */
  public boolean differs() {
    return !differences.isEmpty() || (explanation != null && explanation.differs());
  }

  private static int missing(List<ActionId> from, List<ActionId> in) {
    Set<ActionId> there = new HashSet<>(in);
    int n = 0;
    for (ActionId id : from) {
      if (!there.contains(id)) {
        n++;
      }
    }
    return n;
  }
}
