package dev.gocachectl.mod.proxy;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.ModuleVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
      // Only the files count: go fetches an exact version without its list (a list that lacks
      // it is a list-differs finding, about the list).
      if (p.info().notFound() || p.mod().notFound() || p.zip().notFound()) {
        out.add(
            new MirrorFinding(
                MirrorFindingKind.MISSING,
                p.mirror(),
                m.toString(),
                null,
                Lag.describe(m, p, probes, list, now)));
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
      compareOne(m, p, new Want(zipWant, zipWho), new Want(modWant, modWho), out);
    }
    bytesDiffer(m, probes, out);
    return out;
  }

  /** A hash to compare with, and who says so. */
  private record Want(Optional<H1> h1, String who) {}

  private static void compareOne(
      ModuleVersion m, VersionProbe p, Want zip, Want mod, List<MirrorFinding> out) {
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
    if (mod.h1().isPresent() && !mod.h1().get().equals(p.modH1())) {
      out.add(
          new MirrorFinding(
              MirrorFindingKind.MOD_MISMATCH,
              p.mirror(),
              s,
              mod.h1().get() + " (" + mod.who() + ")",
              ".mod hashes to " + p.modH1()));
    }
    if (p.zipH1() != null && zip.h1().isPresent() && !zip.h1().get().equals(p.zipH1())) {
      out.add(
          new MirrorFinding(
              MirrorFindingKind.ZIP_MISMATCH,
              p.mirror(),
              s,
              zip.h1().get() + " (" + zip.who() + ")",
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
}
