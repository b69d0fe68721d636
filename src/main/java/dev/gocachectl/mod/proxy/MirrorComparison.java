package dev.gocachectl.mod.proxy;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.SemVer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Classifies how mirrors disagree about one module version (and its module's version list). Hashes
 * are judged against the reference (go.sum or the checksum database) when there is one, else
 * against the hash most mirrors serve.
 */
final class MirrorComparison {
  private MirrorComparison() {}

  static List<MirrorFinding> version(
      ModuleVersion m,
      List<VersionProbe> probes,
      Map<String, MirrorProber.ListProbe> lists,
      Reference ref,
      Instant now) {
    List<MirrorFinding> out = new ArrayList<>();
    Optional<H1> zipWant = ref.zip().or(() -> majority(probes, true));
    Optional<H1> modWant = ref.mod().or(() -> majority(probes, false));
    String zipWho = ref.zip().isPresent() ? ref.source() : "most mirrors";
    String modWho = ref.mod().isPresent() ? ref.source() : "most mirrors";
    for (VersionProbe p : probes) {
      MirrorProber.ListProbe list = lists.get(p.mirror());
      boolean unlisted =
          list != null && list.fetch().ok() && !list.versions().contains(m.version());
      if (p.info().notFound() || p.mod().notFound() || p.zip().notFound() || unlisted) {
        out.add(
            new MirrorFinding(
                MirrorFindingKind.MISSING,
                p.mirror(),
                m.toString(),
                null,
                lag(m, p, probes, list, now)));
        continue;
      }
      for (VersionProbe.Fetch f : List.of(p.info(), p.mod(), p.zip())) {
        if (!f.ok()) {
          out.add(
              new MirrorFinding(
                  MirrorFindingKind.ERROR, p.mirror(), m.toString(), "200", f.message()));
        }
      }
      if (!p.info().ok() || !p.mod().ok() || !p.zip().ok()) {
        continue;
      }
      compareOne(m, p, zipWant, zipWho, modWant, modWho, out);
    }
    bytesDiffer(m, probes, out);
    return out;
  }

  private static void compareOne(
      ModuleVersion m,
      VersionProbe p,
      Optional<H1> zipWant,
      String zipWho,
      Optional<H1> modWant,
      String modWho,
      List<MirrorFinding> out) {
    String s = m.toString();
    if (!m.version().equals(p.infoVersion())) {
      out.add(
          new MirrorFinding(
              MirrorFindingKind.INVALID,
              p.mirror(),
              s,
              "Version " + m.version(),
              "proxy returned info for version "
                  + p.infoVersion()
                  + " instead of requested version"));
    }
    if (modWant.isPresent() && !modWant.get().equals(p.modH1())) {
      out.add(
          new MirrorFinding(
              MirrorFindingKind.MOD_MISMATCH,
              p.mirror(),
              s,
              modWant.get() + " (" + modWho + ")",
              ".mod hashes to " + p.modH1()));
    }
    if (p.zipH1() != null && zipWant.isPresent() && !zipWant.get().equals(p.zipH1())) {
      out.add(
          new MirrorFinding(
              MirrorFindingKind.ZIP_MISMATCH,
              p.mirror(),
              s,
              zipWant.get() + " (" + zipWho + ")",
              "zip hashes to "
                  + p.zipH1()
                  + ": go fails with \"verifying "
                  + s
                  + ": checksum mismatch\""));
    }
    if (!p.zipProblems().isEmpty()) {
      out.add(
          new MirrorFinding(
              MirrorFindingKind.INVALID,
              p.mirror(),
              s,
              "a valid module zip",
              String.join("; ", p.zipProblems().subList(0, Math.min(3, p.zipProblems().size())))));
    }
    if (p.zipGoMod() != null && p.modH1() != null && !p.zipGoMod().equals(p.modH1())) {
      out.add(
          new MirrorFinding(
              MirrorFindingKind.INVALID,
              p.mirror(),
              s,
              p.zipGoMod() + " (the zip's go.mod)",
              ".mod hashes to " + p.modH1()));
    }
  }

  /** Why the mirror lacks it, and how far behind it is (versions listed, age of the version). */
  private static String lag(
      ModuleVersion m,
      VersionProbe p,
      List<VersionProbe> probes,
      MirrorProber.ListProbe list,
      Instant now) {
    StringBuilder b = new StringBuilder("not served (info ");
    b.append(p.info().status()).append(", mod ").append(p.mod().status());
    b.append(", zip ").append(p.zip().status()).append(')');
    if (list != null && list.fetch().ok()) {
      List<String> v = list.versions();
      b.append(v.contains(m.version()) ? "; listed" : "; not in its list");
      b.append(", newest listed ").append(v.isEmpty() ? "none" : v.getLast());
    }
    long have = probes.stream().filter(q -> q.zip().ok()).count();
    b.append("; ").append(have).append(" of ").append(probes.size()).append(" mirrors serve it");
    probes.stream()
        .map(VersionProbe::infoTime)
        .filter(t -> t != null && !t.isEmpty())
        .min(String::compareTo)
        .ifPresent(t -> b.append(", dated ").append(t).append(age(t, now)));
    return b.toString();
  }

  private static String age(String rfc3339, Instant now) {
    try {
      Duration d = Duration.between(OffsetDateTime.parse(rfc3339).toInstant(), now);
      if (d.isNegative()) {
        return "";
      }
      return d.toDays() > 0
          ? " (" + d.toDays() + "d ago)"
          : d.toHours() > 0 ? " (" + d.toHours() + "h ago)" : " (" + d.toMinutes() + "m ago)";
    } catch (DateTimeParseException e) {
      return "";
    }
  }

  private static Optional<H1> majority(List<VersionProbe> probes, boolean zip) {
    Map<H1, Integer> votes = new LinkedHashMap<>();
    for (VersionProbe p : probes) {
      H1 h = zip ? p.zipH1() : p.modH1();
      if (h != null) {
        votes.merge(h, 1, Integer::sum);
      }
    }
    return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
  }

  private static void bytesDiffer(
      ModuleVersion m, List<VersionProbe> probes, List<MirrorFinding> out) {
    Map<H1, Map<Hash, List<String>>> byH1 = new HashMap<>();
    for (VersionProbe p : probes) {
      if (p.zipH1() != null) {
        byH1.computeIfAbsent(p.zipH1(), k -> new LinkedHashMap<>())
            .computeIfAbsent(p.zipSha256(), k -> new ArrayList<>())
            .add(p.mirror());
      }
    }
    for (var e : byH1.entrySet()) {
      if (e.getValue().size() > 1) {
        List<String> groups = new ArrayList<>();
        e.getValue()
            .forEach(
                (sha, mirrors) ->
                    groups.add(
                        String.join(", ", mirrors) + ": sha256 " + sha.hex().substring(0, 12)));
        out.add(
            new MirrorFinding(
                MirrorFindingKind.ZIP_BYTES_DIFFER,
                String.join(" | ", groups),
                m.toString(),
                null,
                "same h1 " + e.getKey() + ", different zip bytes (another compression): harmless"));
      }
    }
  }

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
