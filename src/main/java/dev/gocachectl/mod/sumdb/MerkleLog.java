package dev.gocachectl.mod.sumdb;

import dev.gocachectl.cache.Hash;
import java.security.MessageDigest;

/**
 * The checksum database's transparent log: an RFC 6962 Merkle tree over its records, stored the way
 * Go's {@code golang.org/x/mod/sumdb/tlog} stores it.
 *
 * <ul>
 *   <li>Leaf hash {@code RecordHash(data) = SHA-256(0x00 || data)}; interior {@code NodeHash(l, r)
 *       = SHA-256(0x01 || l || r)}; the empty tree's hash is {@code SHA-256("")}.
 *   <li>A tree of {@code n} records hashes as RFC 6962's MTH: split off the largest power of two
 *       {@code k < n}, hash both halves, combine. Equivalently: the perfect subtrees that {@code
 *       [0, n)} decomposes into, left to right (largest first), folded from the right.
 *   <li>Storage: the hash of the perfect subtree at level {@code L} (covering {@code 2^L} records)
 *       number {@code n} lives at index {@link #storedHashIndex}{@code (L, n)} of an append-only
 *       array; record {@code n} appends {@code 1 + trailingZeros(n + 1)} hashes (its leaf and every
 *       subtree it completes).
 * </ul>
 */
public final class MerkleLog {
  private MerkleLog() {}

  /** {@code SHA-256(0x00 || data)}. */
  public static Hash recordHash(byte[] data) {
    MessageDigest d = Hash.newDigest();
    d.update((byte) 0);
    d.update(data);
    return Hash.finish(d);
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public static Hash nodeHash(Hash left, Hash right) {
    MessageDigest d = Hash.newDigest();
    d.update((byte) 1);
    d.update(left.toByteArray());
    d.update(right.toByteArray());
    return Hash.finish(d);
  }

  /** The hash of the empty tree, {@code SHA-256("")}. */
  public static Hash emptyTree() {
    return Hash.sha256(new byte[0]);
  }

  /** Where the hash of subtree {@code (level, n)} is stored. */
  public static long storedHashIndex(int level, long n) {
    long x = n;
    for (int l = level; l > 0; l--) {
      x = 2 * x + 1;
    }
    long i = 0;
    for (; x > 0; x >>= 1) {
      i += x;
    }
    return i + level;
  }

  /** How many hashes a log of {@code n} records stores. */
  public static long storedHashCount(long n) {
    if (n == 0) {
      return 0;
    }
    long last = storedHashIndex(0, n - 1);
    return last + 1 + Long.numberOfTrailingZeros(n);
  }

  /** The inverse of {@link #storedHashIndex}: {@code {level, n}}. */
  public static long[] splitStoredHashIndex(long index) {
    // Find the last record whose leaf is stored at or before index; the hashes it appends after
    // its leaf are its completed subtrees at levels 1, 2, ...
    long n = index / 2;
    long at = storedHashIndex(0, n);
    while (true) {
      long next = at + 1 + Long.numberOfTrailingZeros(n + 1);
      if (next > index) {
        break;
      }
      n++;
      at = next;
    }
    int level = (int) (index - at);
    return new long[] {level, n >> level};
  }

  /** The perfect subtrees {@code [0, n)} decomposes into, left to right, as stored hash indexes. */
  public static long[] subtrees(long n) {
    return subtrees(0, n);
  }

  /** The maximal aligned perfect subtrees covering {@code [lo, hi)}, as stored hash indexes. */
  static long[] subtrees(long lo, long hi) {
    long[] out = new long[64];
    int count = 0;
    long at = lo;
    while (at < hi) {
      int level = 63 - Long.numberOfLeadingZeros(hi - at);
      while (level > 0 && (at & ((1L << level) - 1)) != 0) {
        level--;
      }
      out[count++] = storedHashIndex(level, at >> level);
      at += 1L << level;
    }
    return java.util.Arrays.copyOf(out, count);
  }

  /** Folds subtree hashes (left to right) into a tree hash: {@code h0 ∘ (h1 ∘ (... ∘ hk))}. */
  public static Hash fold(Hash[] subtreeHashes) {
    if (subtreeHashes.length == 0) {
      return emptyTree();
    }
    Hash h = subtreeHashes[subtreeHashes.length - 1];
    for (int i = subtreeHashes.length - 2; i >= 0; i--) {
      h = nodeHash(subtreeHashes[i], h);
    }
    return h;
  }
}
