package dev.gocachectl.testing;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.sumdb.MerkleLog;
import dev.gocachectl.mod.sumdb.NoteSigner;
import dev.gocachectl.mod.sumdb.StoredHashes;
import dev.gocachectl.mod.sumdb.Tile;
import dev.gocachectl.mod.sumdb.TreeHead;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A checksum database's log in memory, as {@code golang.org/x/mod/sumdb.Server} keeps one: records
 * (go.sum lines of one module version each) keyed by {@code <escaped path>@<escaped version>}, the
 * stored hashes, signed tree heads and tiles. {@link #fork} copies a prefix so that two logs can
 * diverge, the way a misbehaving server would.
 */
public final class SumdbLog {
  private final int height;
  private final NoteSigner signer;
  private final List<String> texts = new ArrayList<>();
  private final List<Hash> stored = new ArrayList<>();
  private final Map<String, Long> ids = new HashMap<>();

  public SumdbLog(int height, NoteSigner signer) {
    this.height = height;
    this.signer = signer;
  }

  /** A copy of the first {@code keep} records. */
  public synchronized SumdbLog fork(int keep, NoteSigner signer) {
    SumdbLog f = new SumdbLog(height, signer);
    for (var e : ids.entrySet()) {
      if (e.getValue() < keep) {
        f.ids.put(e.getKey(), e.getValue());
      }
    }
    f.texts.addAll(texts.subList(0, keep));
    f.stored.addAll(stored.subList(0, (int) MerkleLog.storedHashCount(keep)));
    return f;
  }

  /** Appends a record; returns its id. */
  public synchronized long add(String key, String text) {
    long id = texts.size();
    Hash leaf = MerkleLog.recordHash(text.getBytes(StandardCharsets.UTF_8));
    stored.addAll(StoredHashes.append(id, leaf, i -> stored.get((int) i)));
    texts.add(text);
    ids.put(key, id);
    return id;
  }

  public synchronized long size() {
    return texts.size();
  }

  public int height() {
    return height;
  }

  /** The record id of a key, or -1. */
  public synchronized long id(String key) {
    return ids.getOrDefault(key, -1L);
  }

  /** The tree head of the first {@code n} records. */
  public synchronized TreeHead head(long n) {
    long[] idx = MerkleLog.subtrees(n);
    Hash[] h = new Hash[idx.length];
    for (int i = 0; i < idx.length; i++) {
      h[i] = stored.get((int) idx[i]);
    }
    return new TreeHead(n, MerkleLog.fold(h));
  }

  /** The signed note of tree {@code n}. */
  public byte[] signedHead(long n) {
    return signer.signNote(head(n).format());
  }

  /** {@code /lookup} body: record id, text, blank line, the signed note of tree {@code n}. */
  public synchronized byte[] lookup(long id, long n) {
    byte[] rec = (id + "\n" + texts.get((int) id) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] note = signedHead(n);
    byte[] out = new byte[rec.length + note.length];
    System.arraycopy(rec, 0, out, 0, rec.length);
    System.arraycopy(note, 0, out, rec.length, note.length);
    return out;
  }

  /** A hash tile of tree {@code n}, or null if it reaches beyond it. */
  public synchronized byte[] tile(Tile t, long n) {
    if (t.level() == -1) {
      long first = t.number() << t.height();
      if (first + t.width() > n) {
        return null;
      }
      StringBuilder b = new StringBuilder();
      for (long i = first; i < first + t.width(); i++) {
        b.append(texts.get((int) i)).append('\n');
      }
      return b.toString().getBytes(StandardCharsets.UTF_8);
    }
    return StoredHashes.tile(t, n, i -> stored.get((int) i));
  }
}
