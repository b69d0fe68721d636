package dev.gocachectl.mod.sumdb;

import dev.gocachectl.mod.HttpFetcher;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * Tiles from the module cache first, then from the checksum database: {@code <base>/<tile path>},
 * and when a partial tile is gone (the tile filled up), the full tile cut to width, as go does. A
 * tile's body is read up to its exact size (32 bytes a hash) and no further. Nothing is written to
 * the cache.
 *
 * @param cached the module cache's tiles
 * @param base the database's base URL
 * @param http the HTTP client
 */
public record RemoteTiles(CachedTiles cached, URI base, HttpFetcher http) implements TileSource {
  @Override
  public Optional<byte[]> read(Tile t) throws IOException {
    Optional<byte[]> c = cached.read(t);
    if (c.isPresent()) {
      return c;
    }
    HttpFetcher.Response r =
        http.get(SumdbEndpoint.join(base, t.path()), HttpFetcher.Limit.hashes(t.width()));
    if (r.ok()) {
      return Optional.of(r.body());
    }
    if (!t.isFull()) {
      HttpFetcher.Response full =
          http.get(
              SumdbEndpoint.join(base, t.full().path()),
              HttpFetcher.Limit.hashes(t.full().width()));
      if (full.ok() && full.body().length >= t.width() * 32) {
        return Optional.of(Arrays.copyOf(full.body(), t.width() * 32));
      }
    }
    if (r.notFound()) {
      return Optional.empty();
    }
    throw new IOException(r.describe());
  }
}
