package dev.gocachectl.mod.sumdb;

import java.io.IOException;
import java.util.Optional;

/**
 * Where tiles come from: the module cache only ({@code --offline}), or the cache and then the
 * checksum database. Tiles are authenticated by {@link TileHashReader}, never by their source.
 */
public interface TileSource {
  /**
   * The tile's {@code W × 32} bytes (for a data tile: its record data), or empty when the source
   * has neither the tile nor a wider one to cut it from.
   *
   * @throws IOException for a network or read error (naming the URL or file)
   */
  Optional<byte[]> read(Tile t) throws IOException;
}
