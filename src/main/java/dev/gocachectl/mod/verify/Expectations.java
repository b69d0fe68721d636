package dev.gocachectl.mod.verify;

import dev.gocachectl.mod.GoSum;
import dev.gocachectl.mod.H1;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a module version's hashes should be, by sources outside the module cache's own files.
 *
 * @param sumLines the go.sum (and go.work.sum) lines naming it
 * @param lookup the checksum database record go cached when it verified the version, if any
 */
record Expectations(List<SumLine> sumLines, Optional<CachedLookup> lookup) {
  /**
   * A go.sum line and the file it is in.
   *
   * @param file the go.sum or go.work.sum file
   * @param line the line
   */
  record SumLine(Path file, GoSum.Line line) {
    /** {@code go.sum:12}. */
    String where() {
      return file.getFileName() + ":" + line.lineNumber();
    }
  }

  /**
   * The cached lookup of a module version in a checksum database: the go.sum lines the database
   * signed for it.
   *
   * @param db the database name
   * @param file the cached lookup file
   * @param zip the zip's h1, if the record has one
   * @param mod the go.mod's h1, if the record has one
   */
  record CachedLookup(String db, Path file, Optional<H1> zip, Optional<H1> mod) {}
}
