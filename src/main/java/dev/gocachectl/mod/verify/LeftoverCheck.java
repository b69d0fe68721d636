package dev.gocachectl.mod.verify;

import dev.gocachectl.mod.CachedVersion;
import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModCache.FileKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Debris of interrupted downloads: temporary files ({@code <ev>.zip<random>.tmp}), a {@code
 * .partial} (an extraction that never finished: go ignores the tree and extracts again) and a tree
 * without {@code .ziphash} (go treats it as incomplete too). Anything modified within the settle
 * time may belong to a go command still running: it is reported as in progress, not as a problem.
 *
 * @param now the time of the run
 * @param settle how young a leftover may be to count as in progress
 */
record LeftoverCheck(Instant now, Duration settle) {
  /** Reports the leftovers of {@code cv}; returns whether go would ignore its tree. */
  boolean run(ModCache cache, CachedVersion cv, VersionCheck v) throws IOException {
    for (Path p : cv.leftovers()) {
      debris(v, p, "temporary file of an interrupted download; go never reads it");
    }
    if (cv.has(FileKind.PARTIAL)) {
      debris(
          v,
          cache.file(cv.module(), FileKind.PARTIAL),
          "extraction was interrupted (.partial exists): go ignores the tree and extracts again");
      return true;
    }
    if (cv.extracted()
        && !cv.has(FileKind.ZIPHASH)
        && !cv.module().path().value().equals("golang.org/fips140")) {
      v.add(
          ModFindingKind.PARTIAL_DOWNLOAD,
          cache.file(cv.module(), FileKind.ZIPHASH),
          "the zip's h1 in .ziphash",
          "no .ziphash next to the extracted tree: go treats the tree as incomplete and"
              + " extracts it again",
          cv.has(FileKind.ZIP) ? v.missingZiphash() : null);
      return true;
    }
    return false;
  }

  private void debris(VersionCheck v, Path p, String why) throws IOException {
    Instant mtime = Files.getLastModifiedTime(p).toInstant();
    boolean young = Duration.between(mtime, now).compareTo(settle) < 0;
    v.add(
        young ? ModFindingKind.DOWNLOAD_IN_PROGRESS : ModFindingKind.PARTIAL_DOWNLOAD,
        p,
        null,
        young ? "modified " + mtime + ", maybe a download in progress" : why,
        null);
  }
}
