package dev.gocachectl.mod.sumdb;

import dev.gocachectl.mod.GoSum;
import dev.gocachectl.mod.HttpFetcher;
import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.PrefixPatterns;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks go.sum lines against a checksum database, as go's sumdb client would, read-only: each
 * module version's lookup (go's cached copy first, then the database unless offline), its signed
 * note with the GOSUMDB key, the consistency of every tree head seen (including the one stored on
 * this machine in {@code $GOPATH/pkg/sumdb/<db>/latest}), the record's inclusion in the newest
 * tree, and finally the go.sum hashes against the record's.
 */
public final class SumdbChecker {
  /** sum.golang.org's tile height, which go uses for every database. */
  public static final int TILE_HEIGHT = 8;

  private final SumdbConfig db;
  private final ModCache cache;
  private final Path storedLatest;
  private final PrefixPatterns gonosumdb;
  private final SumdbEndpoint endpoint;
  private final HttpFetcher http;
  private final int parallel;

  /** {@code endpoint} and {@code http} are null offline; {@code sumdbDir} may be null. */
  public SumdbChecker(
      SumdbConfig db,
      ModCache cache,
      Path sumdbDir,
      PrefixPatterns gonosumdb,
      SumdbEndpoint endpoint,
      HttpFetcher http,
      int parallel) {
    this.db = db;
    this.cache = cache;
    this.storedLatest = sumdbDir == null ? null : sumdbDir.resolve(db.name()).resolve("latest");
    this.gonosumdb = gonosumdb;
    this.endpoint = endpoint;
    this.http = http;
    this.parallel = parallel;
  }

  /** Checks every h1 line of the go.sum files. */
  public SumdbReport check(List<GoSum> sums) throws IOException {
    long t0 = System.nanoTime();
    List<SumdbFinding> out = new ArrayList<>();
    SumLines.Selection selection = SumLines.select(sums, gonosumdb, out);
    Map<ModuleVersion, List<SumLines.Line>> lines = selection.lines();
    Timeline tl = new Timeline();
    readStored(tl, out);
    if (endpoint != null) {
      latest(tl, out);
    }
    URI base = endpoint == null ? null : endpoint.base();
    Map<ModuleVersion, Lookups.Answer> answers =
        new Lookups(cache, db.name(), base, http).fetch(new ArrayList<>(lines.keySet()), parallel);
    Map<ModuleVersion, Opened> opened = new LinkedHashMap<>();
    for (var e : lines.entrySet()) {
      open(e.getKey(), answers.get(e.getKey()), e.getValue(), tl, out)
          .ifPresent(o -> opened.put(e.getKey(), o));
    }
    TreeHead newest = null;
    if (!tl.isEmpty()) {
      Timeline.Head top = tl.newest();
      newest = top.tree();
      TileHashReader reader = reader(top.tree(), opened.values(), tl);
      out.addAll(tl.check(reader));
      for (var e : opened.entrySet()) {
        new RecordCheck(e.getKey(), e.getValue(), top, reader).run(lines.get(e.getKey()), out);
      }
    }
    TreeHead stored = tl.stored().map(Timeline.Head::tree).orElse(null);
    return new SumdbReport(
        db.name(),
        endpoint == null ? "offline (module cache only)" : endpoint.describe(),
        stored,
        newest,
        selection.count(),
        out,
        Duration.ofNanos(System.nanoTime() - t0));
  }

  /** A lookup whose note verified. */
  record Opened(LookupRecord record, String where) {}

  private void readStored(Timeline tl, List<SumdbFinding> out) throws IOException {
    if (storedLatest == null) {
      return;
    }
    byte[] data;
    try {
      data = Files.readAllBytes(storedLatest);
    } catch (NoSuchFileException e) {
      return;
    }
    if (data.length == 0) {
      return;
    }
    headOf(data, storedLatest.toString(), false, out).ifPresent(tl::stored);
  }

  private void latest(Timeline tl, List<SumdbFinding> out) {
    URI uri = SumdbEndpoint.join(endpoint.base(), "latest");
    try {
      HttpFetcher.Response r = http.get(uri, HttpFetcher.Limit.NOTE);
      if (r.ok()) {
        headOf(r.body(), uri.toString(), true, out).ifPresent(tl::add);
      }
    } catch (IOException e) {
      out.add(
          new SumdbFinding(
              SumdbFindingKind.ERROR, "latest tree head", null, e.getMessage(), uri.toString()));
    }
  }

  /** A signed tree note opened with the key, or a finding saying why not. */
  private Optional<Timeline.Head> headOf(
      byte[] note, String where, boolean fresh, List<SumdbFinding> out) {
    try {
      SignedNote n = SignedNote.open(note, db.verifier());
      Optional<TreeHead> t = TreeHead.parse(n.text());
      if (t.isEmpty()) {
        out.add(
            new SumdbFinding(
                SumdbFindingKind.MALFORMED,
                "tree note",
                "go.sum database tree",
                "malformed tree note",
                where));
        return Optional.empty();
      }
      return Optional.of(new Timeline.Head(t.get(), note, where, fresh));
    } catch (SignedNote.NoteException e) {
      SumdbFindingKind k =
          e.failure() == SignedNote.Failure.MALFORMED
              ? SumdbFindingKind.MALFORMED
              : SumdbFindingKind.BAD_SIGNATURE;
      out.add(
          new SumdbFinding(
              k, "tree note", "signed by " + db.verifier().id(), e.getMessage(), where));
      return Optional.empty();
    }
  }

  private Optional<Opened> open(
      ModuleVersion m,
      Lookups.Answer a,
      List<SumLines.Line> lines,
      Timeline tl,
      List<SumdbFinding> out) {
    if (a.failure() != null) {
      for (SumLines.Line l : lines) {
        out.add(new SumdbFinding(a.failure(), l.key(), null, a.message(), a.where()));
      }
      return Optional.empty();
    }
    Optional<LookupRecord> rec = LookupRecord.parse(a.data());
    if (rec.isEmpty()) {
      out.add(
          new SumdbFinding(
              SumdbFindingKind.MALFORMED, m.toString(), null, "malformed record data", a.where()));
      return Optional.empty();
    }
    Optional<Timeline.Head> head = headOf(rec.get().note(), a.where(), a.fresh(), out);
    head.ifPresent(tl::add);
    return head.map(h -> new Opened(rec.get(), a.where()));
  }

  private TileHashReader reader(TreeHead top, java.util.Collection<Opened> opened, Timeline tl) {
    CachedTiles cached = new CachedTiles(cache.sumdb(db.name()));
    TileSource source = endpoint == null ? cached : new RemoteTiles(cached, endpoint.base(), http);
    MemoTiles memo = new MemoTiles(source);
    if (endpoint != null) {
      List<Long> ids = opened.stream().map(o -> o.record().id()).toList();
      memo.prefetch(TileHashReader.tilesFor(top, TILE_HEIGHT, tl.hashesToRead(ids)), parallel);
    }
    return new TileHashReader(top, TILE_HEIGHT, memo);
  }
}
