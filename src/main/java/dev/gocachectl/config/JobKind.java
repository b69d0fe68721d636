package dev.gocachectl.config;

import java.util.List;
import java.util.Set;

/**
 * What a job does, the section of the config its {@code targets} name, and the keys it takes beyond
 * the common ones ({@code name}, {@code kind}, {@code schedule}, {@code maxDuration}, {@code
 * targets}).
 */
public enum JobKind {
  /** {@code stats} of caches: sizes, entries, ages (read-only). */
  STATS("stats", "caches", Set.of()),
  /**
   * {@code verify} of caches (read-only unless {@code repair: remove}); {@code shards: N} checks a
   * 1/N share of the cache per run so that N runs cover it all.
   */
  VERIFY("verify", "caches", Set.of("shards", "repair")),
  /** {@code trim} of caches to a budget (writes, under the cache's lock). */
  TRIM("trim", "caches", Set.of("budget", "keepRecent")),
  /** {@code mod verify} of module caches (read-only unless {@code repair: remove}). */
  MOD_VERIFY("mod-verify", "modcaches", Set.of("repair")),
  /** {@code mod sumdb} of repositories' go.sum files against the checksum database. */
  MOD_SUMDB("mod-sumdb", "repositories", Set.of()),
  /** {@code mod mirrors}: the mirrors of each mirror set compared. */
  MOD_MIRRORS("mod-mirrors", "mirrors", Set.of()),
  /** A sample of each remote store's records and outputs fetched and checked. */
  REMOTE_SCRUB("remote-scrub", "remotes", Set.of("sample", "rate"));

  private final String id;
  private final String section;
  private final Set<String> keys;

  JobKind(String id, String section, Set<String> keys) {
    this.id = id;
    this.section = section;
    this.keys = keys;
  }

  public String id() {
    return id;
  }

  /** The top-level list of the config that this kind's {@code targets} name. */
  public String section() {
    return section;
  }

  /** Whether this kind writes to what it checks (and so takes the directory's lock). */
  public boolean takes(String key) {
    return keys.contains(key);
  }

  public static JobKind of(String id) {
    for (JobKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown job kind \"" + id + "\" (expected one of " + String.join(", ", ids()) + ")");
  }

  public static List<String> ids() {
    return java.util.Arrays.stream(values()).map(JobKind::id).toList();
  }
}
