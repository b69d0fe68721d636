package dev.gocachectl.mod.sumdb;

import java.util.Optional;

/**
 * A tile of the log's stored hashes (Go's {@code tlog.Tile}): the hashes at level {@code L·H} of
 * the tree, numbers {@code N·2^H} to {@code N·2^H + W - 1}; a tile of height {@code H} and width
 * {@code 2^H} is full, a narrower one is partial (the right edge of a tree). Level -1 holds record
 * data instead of hashes. sum.golang.org uses {@code H = 8}.
 *
 * <p>Path ({@code Tile.Path}): {@code tile/H/L/NNN[.p/W]} with {@code L} written {@code data} for
 * -1, and {@code N} in 3-digit groups, every group but the last prefixed with {@code x}: {@code
 * tile/3/5/x123/x456/078.p/2}. The same path names the tile on the server ({@code <db>/tile/...})
 * and in the module cache ({@code cache/download/sumdb/<db>/tile/...}).
 *
 * @param height H, 1 to 30
 * @param level L, -1 for data tiles
 * @param number N
 * @param width W, 1 to 2^H
 */
public record Tile(int height, int level, long number, int width) {
  public Tile {
    if (height < 1 || height > 30 || level < -1 || number < 0 || width < 1 || width > 1 << height) {
      throw new IllegalArgumentException(
          "invalid tile h=" + height + " l=" + level + " n=" + number + " w=" + width);
    }
  }

  /** Whether this is a full tile. */
  public boolean isFull() {
    return width == 1 << height;
  }

  /** This tile at full width. */
  public Tile full() {
    return new Tile(height, level, number, 1 << height);
  }

  /** Go's {@code Tile.Path}. */
  public String path() {
    StringBuilder n = new StringBuilder(String.format("%03d", number % 1000));
    for (long x = number / 1000; x > 0; x /= 1000) {
      n.insert(0, String.format("x%03d/", x % 1000));
    }
    String l = level == -1 ? "data" : Integer.toString(level);
    return "tile/" + height + "/" + l + "/" + n + (isFull() ? "" : ".p/" + width);
  }

  /** Go's {@code ParseTilePath}: only the canonical path of a tile parses. */
  public static Optional<Tile> parse(String path) {
    String[] f = path.split("/", -1);
    if (f.length < 4 || !f[0].equals("tile")) {
      return Optional.empty();
    }
    try {
      int h = Integer.parseInt(f[1]);
      int l = f[2].equals("data") ? -1 : Integer.parseInt(f[2]);
      if (h < 1 || h > 30 || l < -1) {
        return Optional.empty();
      }
      int w = 1 << h;
      int end = f.length;
      if (f[end - 2].endsWith(".p")) {
        w = Integer.parseInt(f[end - 1]);
        f[end - 2] = f[end - 2].substring(0, f[end - 2].length() - 2);
        end--;
      }
      long n = 0;
      for (int i = 3; i < end; i++) {
        String g = f[i].startsWith("x") ? f[i].substring(1) : f[i];
        int v = Integer.parseInt(g);
        if (v < 0 || v >= 1000) {
          return Optional.empty();
        }
        n = n * 1000 + v;
      }
      Tile t = new Tile(h, l, n, w);
      return t.path().equals(path) ? Optional.of(t) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
