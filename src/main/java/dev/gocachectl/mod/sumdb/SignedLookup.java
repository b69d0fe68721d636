package dev.gocachectl.mod.sumdb;

import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.HttpFetcher;
import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModuleVersion;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A module version's record from the checksum database, its signed note verified with the GOSUMDB
 * key (go's cached lookup first, then the database). Inclusion in the tree is not proven here
 * ({@code mod sumdb} does that); this is the reference {@code mod mirrors} compares mirrors with.
 */
public final class SignedLookup {
  private final SumdbConfig db;
  private final Lookups lookups;

  /** {@code endpoint} and {@code http} null: cache only. */
  public SignedLookup(SumdbConfig db, ModCache cache, SumdbEndpoint endpoint, HttpFetcher http) {
    this.db = db;
    this.lookups = new Lookups(cache, db.name(), endpoint == null ? null : endpoint.base(), http);
  }

  /**
   * The hashes a record signs.
   *
   * @param zip the zip's h1
   * @param mod the go.mod's h1
   */
  public record Hashes(Optional<H1> zip, Optional<H1> mod) {}

  /** The zip and go.mod h1 the database signed for {@code m}, if it could be read and verified. */
  public Optional<Hashes> hashes(ModuleVersion m) throws IOException {
    Map<ModuleVersion, Lookups.Answer> a = lookups.fetch(List.of(m), 1);
    Lookups.Answer answer = a.get(m);
    if (answer == null || answer.data() == null) {
      return Optional.empty();
    }
    Optional<LookupRecord> rec = LookupRecord.parse(answer.data());
    if (rec.isEmpty()) {
      return Optional.empty();
    }
    try {
      SignedNote.open(rec.get().note(), db.verifier());
    } catch (SignedNote.NoteException e) {
      return Optional.empty();
    }
    String key = m.path().value() + " " + m.version();
    return Optional.of(
        new Hashes(
            first(rec.get().linesWithPrefix(key + " h1:"), key.length() + 1),
            first(rec.get().linesWithPrefix(key + "/go.mod h1:"), key.length() + 8)));
  }

  private static Optional<H1> first(List<String> lines, int at) {
    return lines.isEmpty() ? Optional.empty() : H1.parse(lines.getFirst().substring(at));
  }

  /** The database's name. */
  public String name() {
    return db.name();
  }
}
