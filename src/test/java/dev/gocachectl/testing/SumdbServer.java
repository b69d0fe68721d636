package dev.gocachectl.testing;

import dev.gocachectl.mod.sumdb.NoteSigner;
import dev.gocachectl.mod.sumdb.Tile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A checksum database over the fixture modules, speaking the protocol of {@code
 * golang.org/x/mod/sumdb.Server}: {@code /latest} (signed tree note), {@code /lookup/<em>@<ev>}
 * (record id, record, blank line, signed note; 404 "not found" for unknown versions), {@code
 * /tile/8/<L>/<N>[.p/<W>]} and {@code /tile/8/data/...}. Signed with x/mod's test key, height 8 as
 * go's client requires. Switches: lag (serve only the first records), forged signatures, a fork
 * (serve another log that shares a prefix), tampered tiles.
 */
public final class SumdbServer implements HttpFixture.Route {
  public static final String NAME = "localhost.localdev/sumdb";

  /** Another key for forgeries: same name and key hash, other private key. */
  static final String FORGER =
      "PRIVATE+KEY+localhost.localdev/sumdb+00000c67+AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB";

  private volatile SumdbLog log;
  private volatile long visible = Long.MAX_VALUE;
  private volatile boolean forge;
  private volatile boolean tamperTiles;

  public SumdbServer(List<FixtureVersion> versions) {
    log = new SumdbLog(8, NoteSigner.parse(NoteSigner.TEST_SIGNER));
    for (FixtureVersion v : versions) {
      log.add(v.key(), v.record());
    }
  }

  /** The verifier key (GOSUMDB's first field). */
  public static String key() {
    return NoteSigner.TEST_VERIFIER;
  }

  public SumdbLog log() {
    return log;
  }

  /** Adds a record (a version published later). */
  public void add(FixtureVersion v) {
    log.add(v.key(), v.record());
  }

  /** Serves only the first {@code n} records (a lagging database). */
  public void lagTo(long n) {
    visible = n;
  }

  /** Signs with another key under the same name and key hash. */
  public void forgeSignatures(boolean on) {
    forge = on;
  }

  /** Serves a log that shares the first {@code keep} records and then holds {@code others}. */
  public SumdbLog fork(int keep, List<String[]> others) {
    SumdbLog f = log.fork(keep, NoteSigner.parse(NoteSigner.TEST_SIGNER));
    for (String[] kv : others) {
      f.add(kv[0], kv[1]);
    }
    log = f;
    return f;
  }

  /** Flips bits in every hash tile served. */
  public void tamperTiles(boolean on) {
    tamperTiles = on;
  }

  private long size() {
    return Math.min(visible, log.size());
  }

  @Override
  public HttpFixture.Reply handle(String path) {
    SumdbLog l = log;
    long n = size();
    if (path.equals("/latest")) {
      byte[] note = forge ? forged(l.head(n).format()) : l.signedHead(n);
      return new HttpFixture.Reply(200, "text/plain; charset=utf-8", note);
    }
    if (path.startsWith("/lookup/")) {
      long id = l.id(path.substring("/lookup/".length()));
      if (id < 0 || id >= n) {
        return HttpFixture.Reply.text(404, "not found: " + path.substring(8) + ": unknown module");
      }
      byte[] body = l.lookup(id, n);
      if (forge) {
        String rec = new String(body, StandardCharsets.UTF_8);
        int cut = rec.indexOf("\n\ngo.sum database tree") + 2;
        body =
            (rec.substring(0, cut) + new String(forged(l.head(n).format()), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
      }
      return HttpFixture.Reply.ok(body);
    }
    if (path.startsWith("/tile/")) {
      Optional<Tile> t = Tile.parse(path.substring(1));
      byte[] data = t.map(x -> l.tile(x, n)).orElse(null);
      if (data == null) {
        return HttpFixture.Reply.text(404, "not found: tile " + path);
      }
      if (tamperTiles && t.get().level() >= 0) {
        data = data.clone();
        data[0] ^= (byte) 0x80;
      }
      return HttpFixture.Reply.ok(data);
    }
    return HttpFixture.Reply.text(404, "not found");
  }

  private static byte[] forged(String text) {
    return NoteSigner.parse(FORGER).signNote(text);
  }
}
