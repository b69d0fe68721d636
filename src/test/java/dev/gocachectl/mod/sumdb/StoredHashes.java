package dev.gocachectl.mod.sumdb;

import dev.gocachectl.cache.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/** Test-only: builds a log's stored hashes and its tiles (the server side of the tlog). */
public final class StoredHashes {
  private StoredHashes() {}

  /**
   * The hashes record {@code n} appends: its leaf hash, then the hash of every subtree it completes
   * (at level {@code l} while bit {@code l} of {@code n} is set).
   */
  public static List<Hash> append(long n, Hash leaf, LongFunction<Hash> stored) {
    List<Hash> out = new ArrayList<>();
    out.add(leaf);
    Hash h = leaf;
    for (int level = 0; ((n >> level) & 1) == 1; level++) {
      Hash left = stored.apply(MerkleLog.storedHashIndex(level, (n >> level) - 1));
      h = MerkleLog.nodeHash(left, h);
      out.add(h);
    }
    return out;
  }

  /** The bytes of hash tile {@code t} of a log of {@code size} records, or null if beyond it. */
  public static byte[] tile(Tile t, long size, LongFunction<Hash> stored) {
    int level = t.level() * t.height();
    long first = t.number() << t.height();
    if (t.level() < 0 || ((first + t.width()) << level) > size) {
      return null;
    }
    byte[] out = new byte[t.width() * 32];
    for (int i = 0; i < t.width(); i++) {
      System.arraycopy(
          stored.apply(MerkleLog.storedHashIndex(level, first + i)).toByteArray(),
          0,
          out,
          i * 32,
          32);
    }
    return out;
  }
}
