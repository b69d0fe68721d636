package dev.gocachectl.mod.sumdb;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code mod sumdb} found.
 *
 * @param db the database name ("off" when GOSUMDB=off)
 * @param endpoint how it was reached ("offline" when not)
 * @param storedHead the tree head this machine had stored (go's {@code latest}), or null
 * @param newestHead the newest tree head seen and verified in this run, or null
 * @param lines the go.sum h1 lines looked at
 * @param findings one per go.sum line, plus tree-level ones
 * @param elapsed wall time
 */
public record SumdbReport(
    String db,
    String endpoint,
    TreeHead storedHead,
    TreeHead newestHead,
    int lines,
    List<SumdbFinding> findings,
    Duration elapsed) {
  public SumdbReport {
    findings = List.copyOf(findings);
  }

  /** Counts per kind (all kinds present). */
  public Map<SumdbFindingKind, Integer> counts() {
    Map<SumdbFindingKind, Integer> m = new EnumMap<>(SumdbFindingKind.class);
    for (SumdbFindingKind k : SumdbFindingKind.values()) {
      m.put(k, 0);
    }
    findings.forEach(f -> m.merge(f.kind(), 1, Integer::sum));
    return m;
  }

  /** Whether any finding has the severity. */
  public boolean has(SumdbFindingKind.Severity s) {
    return findings.stream().anyMatch(f -> f.kind().severity() == s);
  }
}
