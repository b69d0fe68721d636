package dev.gocachectl.mod.proxy;

import dev.gocachectl.mod.SemVer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Compares the mirrors' version lists ({@code @v/list}, pseudo-versions dropped as go drops them):
 * a mirror that lacks versions others list lags, and by how many versions it is behind.
 */
final class ListComparison {
  private ListComparison() {}

  /** Mirrors whose version lists differ from the union of all lists. */
  static List<MirrorFinding> lists(List<MirrorProber.ListProbe> probes) {
    List<MirrorFinding> out = new ArrayList<>();
    TreeSet<String> union = new TreeSet<>(SemVer.ORDER);
    probes.stream().filter(p -> p.fetch().ok()).forEach(p -> union.addAll(p.versions()));
    for (MirrorProber.ListProbe p : probes) {
      if (!p.fetch().ok()) {
        MirrorFindingKind k =
            p.fetch().notFound() ? MirrorFindingKind.MISSING : MirrorFindingKind.ERROR;
        out.add(new MirrorFinding(k, p.mirror(), p.path() + " (list)", "200", p.fetch().message()));
        continue;
      }
      List<String> absent = union.stream().filter(v -> !p.versions().contains(v)).toList();
      if (absent.isEmpty()) {
        continue;
      }
      String newest = p.versions().isEmpty() ? "none" : p.versions().getLast();
      long behind =
          union.stream()
              .filter(v -> newest.equals("none") || SemVer.ORDER.compare(v, newest) > 0)
              .count();
      out.add(
          new MirrorFinding(
              MirrorFindingKind.LIST_DIFFERS,
              p.mirror(),
              p.path().toString(),
              union.size() + " versions listed by the mirrors together, newest " + union.last(),
              "lacks "
                  + shortList(absent)
                  + "; newest listed "
                  + newest
                  + (behind > 0 ? ", " + behind + " behind " + union.last() : "")));
    }
    return out;
  }

  /** Up to five versions, then how many more. */
  private static String shortList(List<String> versions) {
    if (versions.size() <= 5) {
      return String.join(" ", versions);
    }
    return String.join(" ", versions.subList(versions.size() - 5, versions.size()))
        + " and "
        + (versions.size() - 5)
        + " older";
  }
}
