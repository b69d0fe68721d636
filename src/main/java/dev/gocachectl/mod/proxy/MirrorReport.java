package dev.gocachectl.mod.proxy;

import java.time.Duration;
import java.util.List;

/**
 * What {@code mod mirrors} found.
 *
 * @param mirrors the mirrors asked
 * @param goproxy the GOPROXY value replayed
 * @param probes every version probe, by module version then mirror
 * @param findings the disagreements
 * @param plans what go would fetch, per module version
 * @param elapsed wall time
 */
public record MirrorReport(
    List<String> mirrors,
    String goproxy,
    List<VersionProbe> probes,
    List<MirrorFinding> findings,
    List<FetchPlan.Plan> plans,
    Duration elapsed) {
  public MirrorReport {
    mirrors = List.copyOf(mirrors);
    probes = List.copyOf(probes);
    findings = List.copyOf(findings);
    plans = List.copyOf(plans);
  }

  /** Whether any finding is a problem. */
  public boolean hasProblems() {
    return findings.stream().anyMatch(f -> f.kind().isProblem());
  }
}
