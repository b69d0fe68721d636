package dev.gocachectl.mod.sumdb;

/**
 * What {@code mod sumdb} can find. Problems exit 1; errors (the database could not be asked) exit
 * 2; the rest is information.
 */
public enum SumdbFindingKind {
  /** The go.sum line is what the database signed, and the record is in the signed tree. */
  OK("ok", Severity.INFO),
  /** GONOSUMDB/GOPRIVATE (or GOSUMDB=off) exempts the module: go never asks. */
  SKIPPED("skipped", Severity.INFO),
  /** Offline, and the lookup or a tile is not in the module cache: nothing proven either way. */
  UNPROVEN("unproven", Severity.INFO),
  /** The database answered from an older tree that is consistent with a newer one: harmless. */
  STALE_HEAD("stale-head", Severity.INFO),
  /**
   * The go.sum hash differs from the database's: go fails with "verifying module: checksum
   * mismatch".
   */
  MISMATCH("mismatch", Severity.PROBLEM),
  /** The database does not know the version (404/410): go fails unless GONOSUMDB covers it. */
  NOT_FOUND("not-found", Severity.PROBLEM),
  /**
   * The database's record has no h1 hash for it: go fails with "checksum missing from sumdb
   * response".
   */
  MISSING_IN_RECORD("missing-in-record", Severity.PROBLEM),
  /** A signed note that does not verify with the GOSUMDB key. */
  BAD_SIGNATURE("bad-signature", Severity.PROBLEM),
  /** A record that is not in the signed tree (tile or proof does not match). */
  INCLUSION_FAILED("inclusion-failed", Severity.PROBLEM),
  /** Two signed tree heads that cannot both be true: a forked or rewritten log. An alarm. */
  FORK("fork", Severity.PROBLEM),
  /** A response that is not in the protocol's format. */
  MALFORMED("malformed", Severity.PROBLEM),
  /** The database could not be reached or answered an error: nothing concluded. */
  ERROR("error", Severity.ERROR);

  /** How bad a kind is. */
  public enum Severity {
    INFO,
    PROBLEM,
    ERROR
  }

  private final String id;
  private final Severity severity;

  SumdbFindingKind(String id, Severity severity) {
    this.id = id;
    this.severity = severity;
  }

  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  @Override
  public String toString() {
    return id;
  }
}
