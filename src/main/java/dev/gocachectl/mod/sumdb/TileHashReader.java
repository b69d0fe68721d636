package dev.gocachectl.mod.sumdb;

import dev.gocachectl.cache.Hash;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads stored hashes of a signed tree from tiles, authenticating every tile it uses against the
 * tree's root hash (what Go's {@code tlog.TileHashReader} guarantees; written independently):
 *
 * <ol>
 *   <li>The <em>edge</em> tiles, those holding the perfect subtrees that {@code [0, N)} decomposes
 *       into (each cut to the width the tree reaches at its level), must reproduce the root.
 *   <li>Any other tile is full, and its hash (the perfect subtree over its {@code 2^H} entries)
 *       must equal the entry for it in its parent tile one tile level up, itself authenticated the
 *       same way until an edge tile is reached.
 * </ol>
 *
 * A tile that fails either check is "downloaded inconsistent tile". Reading a hash is then the
 * subtree hash over its span of the tile's bottom row.
 */
public final class TileHashReader {
  private final TreeHead tree;
  private final int height;
  private final TileSource source;
  private final Map<Tile, byte[]> verified = new LinkedHashMap<>();
  private final Map<Long, Hash> hashes = new java.util.HashMap<>();
  private boolean rootChecked;

  public TileHashReader(TreeHead tree, int height, TileSource source) {
    this.tree = tree;
    this.height = height;
    this.source = source;
  }

  /** The stored hash at {@code index}. */
  public Hash read(long index) throws IOException, TlogException {
    Hash known = hashes.get(index);
    if (known != null) {
      return known;
    }
    if (index >= MerkleLog.storedHashCount(tree.size())) {
      throw new TlogException("indexes not in tree");
    }
    long[] ln = MerkleLog.splitStoredHashIndex(index);
    int level = (int) ln[0];
    long n = ln[1];
    checkRoot();
    Tile t = tileOf(level, n);
    byte[] data = authenticated(t);
    Hash h = span(data, level, n, t);
    hashes.put(index, h);
    return h;
  }

  /** The hash of the tree's first {@code n} records, from this tree's tiles. */
  public Hash treeHash(long n) throws IOException, TlogException {
    long[] idx = MerkleLog.subtrees(n);
    Hash[] h = new Hash[idx.length];
    for (int i = 0; i < idx.length; i++) {
      h[i] = read(idx[i]);
    }
    return MerkleLog.fold(h);
  }

  /** The tile that holds subtree {@code (level, n)}, cut to this tree's edge. */
  private Tile tileOf(int level, long n) {
    int tileLevel = level / height;
    int k = level - tileLevel * height;
    long number = (n << k) >> height;
    return clip(tileLevel, number);
  }

  /** Tile {@code (level, number)} at the width tree N reaches there (at most full). */
  private Tile clip(int tileLevel, long number) {
    long entries = tree.size() >> (tileLevel * height);
    long w = Math.min(1L << height, entries - (number << height));
    return new Tile(height, tileLevel, number, (int) Math.max(1, w));
  }

  /** The hash of subtree {@code (level, n)} from its tile's bottom row. */
  private Hash span(byte[] data, int level, long n, Tile t) {
    int k = level - t.level() * height;
    long from = (n << k) - (t.number() << height);
    long to = ((n + 1) << k) - (t.number() << height);
    return subtreeOf(data, (int) from, (int) to);
  }

  /** The perfect-subtree hash over entries {@code [from, to)} of tile data (a power of two). */
  static Hash subtreeOf(byte[] data, int from, int to) {
    if (to - from == 1) {
      return Hash.of(Arrays.copyOfRange(data, from * 32, from * 32 + 32));
    }
    int mid = (from + to) >>> 1;
    return MerkleLog.nodeHash(subtreeOf(data, from, mid), subtreeOf(data, mid, to));
  }

  private void checkRoot() throws IOException, TlogException {
    if (rootChecked) {
      return;
    }
    long[] idx = MerkleLog.subtrees(tree.size());
    Hash[] h = new Hash[idx.length];
    Map<Tile, byte[]> edge = new LinkedHashMap<>();
    for (int i = 0; i < idx.length; i++) {
      long[] ln = MerkleLog.splitStoredHashIndex(idx[i]);
      Tile t = tileOf((int) ln[0], ln[1]);
      byte[] data = edge.containsKey(t) ? edge.get(t) : fetch(t);
      edge.put(t, data);
      h[i] = span(data, (int) ln[0], ln[1], t);
    }
    if (!MerkleLog.fold(h).equals(tree.hash())) {
      throw new TlogException("downloaded inconsistent tile");
    }
    verified.putAll(edge);
    rootChecked = true;
  }

  /** The tile's data, authenticated through its parents up to an edge tile. */
  private byte[] authenticated(Tile t) throws IOException, TlogException {
    byte[] have = verified.get(t);
    if (have != null) {
      return have;
    }
    if (!t.isFull()) {
      throw new TlogException("bad math: partial tile " + t.path() + " is not on the tree's edge");
    }
    byte[] data = fetch(t);
    Tile parent = clip(t.level() + 1, t.number() >> height);
    byte[] parentData = authenticated(parent);
    int pos = (int) (t.number() - (parent.number() << height));
    Hash want = subtreeOf(parentData, pos, pos + 1);
    if (!subtreeOf(data, 0, 1 << height).equals(want)) {
      throw new TlogException("downloaded inconsistent tile");
    }
    verified.put(t, data);
    return data;
  }

  private byte[] fetch(Tile t) throws IOException, TlogException {
    byte[] data =
        source
            .read(t)
            .orElseThrow(() -> new TlogException("tile " + t.path() + " not available", true));
    if (data.length != t.width() * 32) {
      throw new TlogException(
          "tile " + t.path() + " has " + data.length + " bytes, want " + t.width() * 32);
    }
    return data;
  }

  /**
   * The tiles a reader of {@code tree} reads to authenticate the root and the given stored hash
   * indexes (a superset: every ancestor tile of each index), for fetching them ahead in parallel.
   */
  public static java.util.Set<Tile> tilesFor(
      TreeHead tree, int height, java.util.Collection<Long> indexes) {
    TileHashReader r = new TileHashReader(tree, height, t -> java.util.Optional.empty());
    java.util.Set<Tile> out = new java.util.LinkedHashSet<>();
    java.util.List<Long> all = new java.util.ArrayList<>(indexes);
    for (long i : MerkleLog.subtrees(tree.size())) {
      all.add(i);
    }
    for (long index : all) {
      long[] ln = MerkleLog.splitStoredHashIndex(index);
      Tile t = r.tileOf((int) ln[0], ln[1]);
      while (true) {
        out.add(t);
        long above = tree.size() >> ((t.level() + 1) * height);
        if (above == 0) {
          break;
        }
        t = r.clip(t.level() + 1, t.number() >> height);
      }
    }
    return out;
  }
}
