package dev.gocachectl.mod.verify;

import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModuleVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the checksum database lookups go cached ({@code
 * cache/download/sumdb/<db>/lookup/<em>@<ev>}, saved only after go verified them): a record id
 * line, the record's go.sum lines, a blank line and the signed tree note. Here only the go.sum
 * lines matter; {@code mod sumdb} verifies the rest.
 */
final class LookupFiles {
  private LookupFiles() {}

  /** The cached lookup of {@code m} in {@code db}, if go saved one. */
  static Optional<Expectations.CachedLookup> read(ModCache cache, String db, ModuleVersion m)
      throws IOException {
    if (db == null) {
      return Optional.empty();
    }
    Path file = cache.lookup(db, m);
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (data.length == 0) {
      return Optional.empty();
    }
    String text = new String(data, StandardCharsets.UTF_8);
    int end = text.indexOf("\n\n");
    String[] lines = (end < 0 ? text : text.substring(0, end)).split("\n");
    String zipPrefix = m.path().value() + " " + m.version() + " ";
    String modPrefix = m.path().value() + " " + m.version() + "/go.mod ";
    Optional<H1> zip = Optional.empty();
    Optional<H1> mod = Optional.empty();
    for (int i = 1; i < lines.length; i++) {
      if (zip.isEmpty() && lines[i].startsWith(zipPrefix + "h1:")) {
        zip = H1.parse(lines[i].substring(zipPrefix.length()));
      } else if (mod.isEmpty() && lines[i].startsWith(modPrefix + "h1:")) {
        mod = H1.parse(lines[i].substring(modPrefix.length()));
      }
    }
    return Optional.of(new Expectations.CachedLookup(db, file, zip, mod));
  }
}
