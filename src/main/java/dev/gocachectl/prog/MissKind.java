package dev.gocachectl.prog;

/** Why a get missed, as far as the local tier can tell, and what to do about it. */
public enum MissKind {
  /** No entry, and none trimmed: never seen here. */
  NEW(
      "new",
      "Never built here or on a remote tier: the first build of new code, or an action key that"
          + " differs from what other builds stored (toolchain, flags, paths, cgo, stamped VCS"
          + " information). gocachectl explain, given the hash logs of two builds, names the"
          + " input that differs."),
  /** No entry, but trim removed one with this ID: the cache was too small or the age too short. */
  TRIMMED(
      "trimmed",
      "Built before, then removed by gocachectl trim: the budget (--max-size) or the age is too"
          + " small for what the builds use. Raise it, or keep what the main branch builds."),
  /** An entry whose output is gone or the wrong size. */
  DANGLING(
      "dangling",
      "The entry is there but its output is gone or has the wrong size (an interrupted write, a"
          + " partial cache restore, outputs deleted by hand). go rebuilds and overwrites it;"
          + " gocachectl verify counts them, gocachectl repair removes them."),
  /** An entry Go would reject. */
  INVALID(
      "invalid",
      "An entry go rejects (damaged, or written by another program). gocachectl verify names"
          + " them; gocachectl repair removes them.");

  private final String id;
  private final String remedy;

  MissKind(String id, String remedy) {
    this.id = id;
    this.remedy = remedy;
  }

  /** What the miss says about the cache, and what to do. */
  public String remedy() {
    return remedy;
  }

  public String id() {
    return id;
  }
}
