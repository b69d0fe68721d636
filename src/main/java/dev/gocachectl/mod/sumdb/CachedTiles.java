package dev.gocachectl.mod.sumdb;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The tiles go cached in {@code cache/download/sumdb/<db>/tile/...} (only after authenticating
 * them). A tile is taken from its own file, else cut from the full tile or from any wider partial
 * tile of the same place (the first W hashes of a wider tile are the same hashes). Empty files
 * count as absent, as go writes them before locking.
 *
 * @param dir {@code cache/download/sumdb/<db>}
 */
public record CachedTiles(Path dir) implements TileSource {
  @Override
  public Optional<byte[]> read(Tile t) throws IOException {
    Optional<byte[]> exact = file(dir.resolve(t.path()));
    if (exact.isPresent()) {
      return exact;
    }
    Optional<byte[]> full = t.isFull() ? Optional.empty() : file(dir.resolve(t.full().path()));
    if (full.isPresent()) {
      return Optional.of(Arrays.copyOf(full.get(), t.width() * 32));
    }
    Path partials = dir.resolve(t.full().path() + ".p");
    if (!Files.isDirectory(partials)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(partials)) {
      for (Path p : ds) {
        int w = width(p.getFileName().toString());
        if (w > t.width()) {
          Optional<byte[]> wider = file(p);
          if (wider.isPresent() && wider.get().length >= t.width() * 32) {
            return Optional.of(Arrays.copyOf(wider.get(), t.width() * 32));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static int width(String name) {
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Optional<byte[]> file(Path p) throws IOException {
    try {
      byte[] b = Files.readAllBytes(p);
      return b.length == 0 ? Optional.empty() : Optional.of(b);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
