package dev.gocachectl.mod.verify;

import dev.gocachectl.mod.GoSum;
import dev.gocachectl.mod.MainModule;
import dev.gocachectl.mod.ModuleVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * go.sum on its own: malformed lines (every go command fails on them) and requirements whose go.mod
 * hash is missing (go cannot load the module graph: "missing go.sum entry for go.mod file").
 */
final class GoSumFindings {
  private GoSumFindings() {}

  /** The findings; fills {@code lines} with the go.sum lines by module version. */
  static List<ModFinding> of(MainModule mm, Map<ModuleVersion, List<Expectations.SumLine>> lines) {
    List<ModFinding> out = new ArrayList<>();
    for (GoSum s : mm.sums()) {
      ModVerifier.index(s, lines);
      for (String bad : s.malformed()) {
        out.add(
            new ModFinding(
                ModFindingKind.GOSUM_MALFORMED,
                null,
                s.file(),
                "<module> <version>[/go.mod] <hash>",
                bad + ": every go command fails with \"malformed go.sum\"",
                "malformed go.sum: " + bad));
      }
    }
    for (ModuleVersion need : mm.goModNeeded()) {
      boolean present =
          lines.getOrDefault(need, List.of()).stream()
              .anyMatch(l -> l.line().goMod() && l.line().isH1());
      if (!present) {
        out.add(
            new ModFinding(
                ModFindingKind.GOSUM_MISSING,
                need,
                mm.sums().getFirst().file(),
                need.path() + " " + need.version() + "/go.mod h1:...",
                "go.mod requires "
                    + need
                    + " but go.sum has no hash of its go.mod: go fails with \"missing go.sum entry"
                    + " for go.mod file\"; run 'go mod download "
                    + need
                    + "'",
                null));
      }
    }
    return out;
  }
}
