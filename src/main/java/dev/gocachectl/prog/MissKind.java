package dev.gocachectl.prog;

/** Why a get missed, as far as the local tier can tell. */
public enum MissKind {
  /** No entry, and none trimmed: never seen here. */
  NEW("new"),
  /** No entry, but trim removed one with this ID: the cache was too small or the age too short. */
  TRIMMED("trimmed"),
  /** An entry whose output is gone or the wrong size. */
  DANGLING("dangling"),
  /** An entry Go would reject. */
  INVALID("invalid");

  private final String id;

  MissKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
