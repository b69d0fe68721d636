package dev.gocachectl.mod.verify;

/** What {@code mod verify} can find. Problems make it exit 1 and are what repair removes. */
public enum ModFindingKind {
  /** The zip does not hash to its {@code .ziphash} (or to the cached checksum database record). */
  ZIP_HASH_MISMATCH("zip-hash-mismatch", true),
  /** The extracted tree does not hash to the zip's h1: a file was edited, added or removed. */
  TREE_MODIFIED("tree-modified", true),
  /**
   * The tree holds the zip's files, but the zip also has directory entries, which go hashes and
   * never extracts (golang/go#53448): {@code go mod verify} fails on it forever and a new download
   * makes the same tree, so repair leaves it.
   */
  ZIP_DIRECTORY_ENTRIES("zip-directory-entries", true),
  /** The {@code .mod} differs from the zip's go.mod (or from the cached database record). */
  MOD_HASH_MISMATCH("mod-hash-mismatch", true),
  /** A go.sum line disagrees with what the cache holds: go fails with "checksum mismatch". */
  GOSUM_MISMATCH("gosum-mismatch", true),
  /** go.mod requires a module whose go.mod hash is not in go.sum: go fails to load the graph. */
  GOSUM_MISSING("gosum-missing", true),
  /** A go.sum line without three fields: every go command fails with "malformed go.sum". */
  GOSUM_MALFORMED("gosum-malformed", true),
  /** The zip cannot be read as Go reads it, or breaks the module zip rules. */
  ZIP_INVALID("zip-invalid", true),
  /** Debris of an interrupted download or extraction ({@code .partial}, temporary files, ...). */
  PARTIAL_DOWNLOAD("partial-download", true),
  /** A download or extraction that may still be running (younger than the settle time). */
  DOWNLOAD_IN_PROGRESS("download-in-progress", false);

  private final String id;
  private final boolean problem;

  ModFindingKind(String id, boolean problem) {
    this.id = id;
    this.problem = problem;
  }

  /** The stable name used in output. */
  public String id() {
    return id;
  }

  /** Whether this is a problem (exit 1). */
  public boolean isProblem() {
    return problem;
  }

  /**
   * Whether repair removes the module version for this kind. go.sum problems are not the cache's:
   * when go.sum and the cache disagree, either may be wrong ({@code mod sumdb} says which one the
   * checksum database signed); a cache copy that is wrong also disagrees with its own {@code
   * .ziphash} or the cached database record, and that finding is repairable.
   */
  public boolean isRepairable() {
    return problem
        && this != GOSUM_MISSING
        && this != GOSUM_MALFORMED
        && this != GOSUM_MISMATCH
        && this != ZIP_DIRECTORY_ENTRIES;
  }

  @Override
  public String toString() {
    return id;
  }
}
