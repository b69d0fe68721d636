package dev.gocachectl.verify;

/** What {@code verify} can find. Problems make it exit 1; information does not. */
public enum FindingKind {
  /** An action entry Go would reject for its format (Go's reason is the "found" text). */
  ENTRY_MALFORMED("entry-malformed", true),
  /** An action entry whose ID is not the one in its file name. */
  ENTRY_ID_MISMATCH("entry-id-mismatch", true),
  /** An output whose size is not the size its entry records: go misses on it. */
  OUTPUT_SIZE_MISMATCH("output-size-mismatch", true),
  /** An output whose bytes do not hash to its name: corruption go may use without noticing. */
  OUTPUT_HASH_MISMATCH("output-hash-mismatch", true),
  /** An executable-entry directory that does not hold exactly one regular file. */
  OUTPUT_DIR_MALFORMED("output-dir-malformed", true),
  /** A compiled archive whose build ID names another action than the entry pointing at it. */
  BUILDID_MISMATCH("buildid-mismatch", true),
  /** An entry whose output is gone: normal after a trim, costs a miss. */
  DANGLING_ACTION("dangling-action", false),
  /** An output no entry names: normal after a non-reproducible rebuild, reclaimable. */
  ORPHAN_OUTPUT("orphan-output", false),
  /** A file go does not use. */
  FOREIGN_FILE("foreign-file", false);

  private final String id;
  private final boolean problem;

  FindingKind(String id, boolean problem) {
    this.id = id;
    this.problem = problem;
  }

  /** The stable name used in output, e.g. {@code output-hash-mismatch}. */
  public String id() {
    return id;
  }

  /** Whether this kind is a problem (exit 1, removed by repair) rather than information. */
  public boolean isProblem() {
    return problem;
  }

  @Override
  public String toString() {
    return id;
  }
}
