package dev.gocachectl.mod.sumdb;

import dev.gocachectl.cache.Hash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A record's inclusion proof in a tree: the RFC 6962 audit path (sibling hashes from the leaf up),
 * built from the log's stored hashes and checked with RFC 9162's verification algorithm, which
 * shares no code with the tile authentication that supplied the hashes.
 */
public final class InclusionProof {
  /** Reads a stored hash by index (a {@link TileHashReader}). */
  @FunctionalInterface
  public interface HashReader {
    Hash read(long index) throws IOException, TlogException;
  }

  private InclusionProof() {}

  /** RFC 6962 {@code PATH(index, D[0:size])}. */
  public static List<Hash> prove(long index, long size, HashReader r)
      throws IOException, TlogException {
    List<Hash> out = new ArrayList<>();
    path(index, 0, size, r, out);
    return out;
  }

  private static void path(long m, long lo, long hi, HashReader r, List<Hash> out)
      throws IOException, TlogException {
    if (hi - lo <= 1) {
      return;
    }
    long k = Long.highestOneBit(hi - lo - 1);
    if (m < lo + k) {
      path(m, lo, lo + k, r, out);
      out.add(rangeHash(lo + k, hi, r));
    } else {
      path(m, lo + k, hi, r, out);
      out.add(rangeHash(lo, lo + k, r));
    }
  }

  private static Hash rangeHash(long lo, long hi, HashReader r) throws IOException, TlogException {
    long[] idx = MerkleLog.subtrees(lo, hi);
    Hash[] h = new Hash[idx.length];
    for (int i = 0; i < idx.length; i++) {
      h[i] = r.read(idx[i]);
    }
    return MerkleLog.fold(h);
  }

  /** RFC 9162 §2.1.3.2: whether {@code proof} proves {@code leaf} at {@code index} in the tree. */
  public static boolean check(List<Hash> proof, long index, long size, Hash leaf, Hash root) {
    if (index >= size) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    Hash r = leaf;
    for (Hash p : proof) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleLog.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = MerkleLog.nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && r.equals(root);
  }
}
