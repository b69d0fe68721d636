package dev.gocachectl.mod.proxy;

import dev.gocachectl.mod.GoSum;
import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.ModuleVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What go.sum says each module version's zip and go.mod hash to: the mirrors' reference. */
public final class GoSumReferences {
  private GoSumReferences() {}

  /** The h1 lines of {@code sums} by module version (a later file's line wins). */
  public static Map<ModuleVersion, Reference> of(List<GoSum> sums) {
    Map<ModuleVersion, Reference> refs = new LinkedHashMap<>();
    for (GoSum s : sums) {
      String source = s.file().getFileName().toString();
      for (GoSum.Line l : s.lines()) {
        if (!l.isH1() || l.module().isEmpty()) {
          continue;
        }
        ModuleVersion m = l.module().get();
        Reference r = refs.getOrDefault(m, Reference.NONE);
        Optional<H1> h = H1.parse(l.hash());
        refs.put(
            m, l.goMod() ? new Reference(r.zip(), h, source) : new Reference(h, r.mod(), source));
      }
    }
    return refs;
  }

  /** The versions go.sum has a zip hash for: those go downloads to build. */
  public static List<ModuleVersion> withZips(Map<ModuleVersion, Reference> refs) {
    return refs.entrySet().stream()
        .filter(e -> e.getValue().zip().isPresent())
        .map(Map.Entry::getKey)
        .toList();
  }
}
