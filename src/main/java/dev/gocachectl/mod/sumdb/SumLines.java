package dev.gocachectl.mod.sumdb;

import dev.gocachectl.mod.GoSum;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.PrefixPatterns;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The go.sum lines a checksum database is asked about: the {@code h1} ones (go ignores other
 * algorithms), once each, grouped by module version; lines of modules GONOSUMDB (default GOPRIVATE)
 * matches are skipped, as go never asks about them.
 */
final class SumLines {
  /**
   * One line to check.
   *
   * @param key {@code path version[/go.mod]}
   * @param hash the hash go.sum records
   * @param where {@code go.sum:12}
   */
  record Line(String key, String hash, String where) {}

  /**
   * The selection.
   *
   * @param lines the lines to check by module version
   * @param count every distinct h1 line looked at (checked, skipped or malformed)
   */
  record Selection(Map<ModuleVersion, List<Line>> lines, int count) {}

  private SumLines() {}

  /** Selects; skipped and malformed lines become findings in {@code out}. */
  static Selection select(List<GoSum> sums, PrefixPatterns gonosumdb, List<SumdbFinding> out) {
    Map<ModuleVersion, List<Line>> lines = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (GoSum s : sums) {
      for (GoSum.Line l : s.lines()) {
        String where = s.file().getFileName() + ":" + l.lineNumber();
        if (!l.isH1() || !seen.add(l.toString())) {
          continue;
        }
        Optional<ModuleVersion> m = l.module();
        if (m.isEmpty()) {
          out.add(
              new SumdbFinding(
                  SumdbFindingKind.MALFORMED,
                  l.key(),
                  null,
                  "not a valid module path and version",
                  where));
        } else if (gonosumdb.matches(l.path())) {
          out.add(
              new SumdbFinding(
                  SumdbFindingKind.SKIPPED,
                  l.key(),
                  null,
                  "listed in GONOSUMDB (or GOPRIVATE): go never asks the database",
                  where));
        } else {
          lines
              .computeIfAbsent(m.get(), k -> new ArrayList<>())
              .add(new Line(l.key(), l.hash(), where));
        }
      }
    }
    return new Selection(lines, seen.size());
  }
}
