package dev.gocachectl.doctor;

import java.util.List;

/**
 * A cache restored with old mtimes or an old {@code trim.txt} (D18): the first go command after the
 * restore trims (see {@link CacheUsage}) and deletes every file whose mtime is older than 5 days
 * and 1 hour; a tarball restored by the CI keeps the mtimes of the job that saved it, so entries
 * this job is about to need go first. Reported on CI runners only: on a developer's machine the
 * same trim is go's normal housekeeping.
 */
final class TrimCheck implements Check {
  @Override
  public List<Finding> check(RunnerFacts f) {
    if (f.ci() == CiKind.NONE || f.cache().isEmpty()) {
      return List.of();
    }
    CacheUsage u = f.cache().get();
    if (!u.trimDue() || u.staleFiles() == 0) {
      return List.of();
    }
    return List.of(
        new Finding(
            FindingId.TRIM_DUE,
            Severity.LOSES_OR_POISONS,
            "GOCACHE="
                + f.go("GOCACHE")
                + ": trim.txt "
                + u.lastTrim().map(t -> "says the last trim was at " + t).orElse("is missing")
                + ", and "
                + u.staleFiles()
                + " of "
                + u.files()
                + " files ("
                + FileSystemCheck.bytes(u.staleBytes())
                + ") have mtimes older than 5 days and 1 hour",
            "the next go command trims: it deletes those files before the build can use them,"
                + " and a cache saved after the job has lost them for every later job.",
            "after restoring, touch the restored files (find \"$GOCACHE\" -type f -exec touch {} +)"
                + " and write the current time to trim.txt (date +%s > \"$GOCACHE/trim.txt\")",
            "nothing is ever trimmed then, so bound the saved cache (gocachectl trim --max-size)"));
  }
}
