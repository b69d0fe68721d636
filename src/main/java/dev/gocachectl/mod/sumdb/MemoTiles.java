package dev.gocachectl.mod.sumdb;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Remembers the tiles another source returned, and can fetch a set of them ahead, several at a time
 * (a few hundred go.sum lines need a few hundred tiles; one by one that is minutes).
 */
public final class MemoTiles implements TileSource {
  private final TileSource source;
  private final Map<Tile, Optional<byte[]>> memo = new ConcurrentHashMap<>();

  public MemoTiles(TileSource source) {
    this.source = source;
  }

  @Override
  public Optional<byte[]> read(Tile t) throws IOException {
    Optional<byte[]> have = memo.get(t);
    if (have != null) {
      return have;
    }
    Optional<byte[]> got = source.read(t);
    memo.put(t, got);
    return got;
  }

  /** Reads {@code tiles} on {@code threads} threads; failures are left for the later read. */
  public void prefetch(Collection<Tile> tiles, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      var futures =
          tiles.stream()
              .map(
                  t ->
                      pool.submit(
                          () -> {
                            try {
                              read(t);
                            } catch (IOException e) {
                              // reported when the reader asks for it again
                            }
                          }))
              .toList();
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          // a failed tile is read again by the reader, which reports it
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
