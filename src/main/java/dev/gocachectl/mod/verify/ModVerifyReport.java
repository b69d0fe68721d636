package dev.gocachectl.mod.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code mod verify} found.
 *
 * @param modCache the module cache
 * @param moduleDir the module whose go.sum was checked, or null for the whole cache
 * @param findings problems first, by kind then module
 * @param versions module versions looked at
 * @param zips zips hashed
 * @param trees extracted trees hashed
 * @param bytesHashed bytes hashed (zip files, zip entries uncompressed, tree files)
 * @param zipsReused zips whose bytes matched a zip verified clean earlier (not inflated again)
 * @param notDownloaded go.sum versions the cache does not hold (nothing to check)
 * @param elapsed wall time
 */
public record ModVerifyReport(
    Path modCache,
    Path moduleDir,
    List<ModFinding> findings,
    int versions,
    int zips,
    int trees,
    long bytesHashed,
    int zipsReused,
    int notDownloaded,
    Duration elapsed) {
  public ModVerifyReport {
    findings = List.copyOf(findings);
  }

  /** The findings that are problems. */
  public List<ModFinding> problems() {
    return findings.stream().filter(f -> f.kind().isProblem()).toList();
  }

  /** Whether anything is wrong (exit 1). */
  public boolean hasProblems() {
    return !problems().isEmpty();
  }

  /** Findings per kind, every kind present (zero when none). */
  public Map<ModFindingKind, Integer> counts() {
    Map<ModFindingKind, Integer> m = new EnumMap<>(ModFindingKind.class);
    for (ModFindingKind k : ModFindingKind.values()) {
      m.put(k, 0);
    }
    findings.forEach(f -> m.merge(f.kind(), 1, Integer::sum));
    return m;
  }
}
