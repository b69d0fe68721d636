package dev.gocachectl.mod.proxy;

/** How a mirror disagrees. All but {@link #ZIP_BYTES_DIFFER} are problems (exit 1). */
public enum MirrorFindingKind {
  /** The mirror does not serve it (404/410 for its info, mod or zip): it lags. */
  MISSING("missing", true),
  /** The mirror answered another error (5xx, 403, timeout): after a {@code ,} go stops there. */
  ERROR("error", true),
  /** The {@code .mod}'s h1 differs from go.sum, the checksum database, or the other mirrors. */
  MOD_MISMATCH("mod-mismatch", true),
  /** The zip's h1 differs from go.sum, the checksum database, or the other mirrors. */
  ZIP_MISMATCH("zip-mismatch", true),
  /** The version lists of the mirrors differ. */
  LIST_DIFFERS("list-differs", true),
  /**
   * A protocol violation: wrong {@code .info} version, a zip go rejects, .mod not the zip's go.mod.
   */
  INVALID("invalid", true),
  /** Same h1, different zip bytes (another compression): harmless. */
  ZIP_BYTES_DIFFER("zip-bytes-differ", false);

  private final String id;
  private final boolean problem;

  MirrorFindingKind(String id, boolean problem) {
    this.id = id;
    this.problem = problem;
  }

  public String id() {
    return id;
  }

  public boolean isProblem() {
    return problem;
  }

  @Override
  public String toString() {
    return id;
  }
}
