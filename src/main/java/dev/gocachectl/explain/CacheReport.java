package dev.gocachectl.explain;

import dev.gocachectl.cache.ActionId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The verdict on every compile action of a build against one cache ({@link CacheCheck}).
 *
 * @param cache the cache directory looked in
 * @param current the action IDs the build would compute
 * @param verdicts one per compile action
 * @param goStale go list's own {@code Stale} per package (for main packages it is about the
 *     installed binary, not the cache)
 * @param baselineGiven whether a baseline manifest could tell never seen, trimmed and changed apart
 */
public record CacheReport(
    Path cache,
    Manifest current,
    List<Verdict> verdicts,
    Map<String, Boolean> goStale,
    boolean baselineGiven) {
  /** What a lookup of the action ID would find. */
  public enum Kind {
    HIT("hit", "in the cache"),
    NOT_IN_CACHE(
        "not-in-cache",
        "not in the cache: never built here with these inputs, or trimmed (a --baseline"
            + " manifest tells which)"),
    NEVER_SEEN("never-seen", "never seen: the baseline build did not have this action"),
    TRIMMED(
        "trimmed",
        "trimmed or evicted: the baseline built exactly this ID, the cache no longer has it"),
    INPUTS_CHANGED("inputs-changed", "inputs changed since the baseline"),
    OUTPUT_GONE("output-gone", "trimmed: the entry is there but its output is gone"),
    DAMAGED("damaged", "the entry or its output is damaged (gocachectl verify says which)"),
    DEPENDENCY_MISSES(
        "dependency-misses",
        "a dependency misses; this package hits afterwards only if that dependency's new output"
            + " is unchanged");

    private final String id;
    private final String meaning;

    Kind(String id, String meaning) {
      this.id = id;
      this.meaning = meaning;
    }

    public String id() {
      return id;
    }

    public String meaning() {
      return meaning;
    }
  }

  /** One compile action: its key, ID, kind, the causes (inputs-changed) or the missing deps. */
  public record Verdict(
      ActionKey key, ActionId id, Kind kind, List<Cause> causes, List<String> missingDeps) {
    public Verdict {
      causes = List.copyOf(causes);
      missingDeps = List.copyOf(missingDeps);
    }
  }

  public CacheReport {
    verdicts = List.copyOf(verdicts);
    goStale = Map.copyOf(goStale);
  }

  /** How many would miss. */
  public long misses() {
    return verdicts.stream().filter(v -> v.kind() != Kind.HIT).count();
  }
}
