package dev.gocachectl.cache;

/**
 * The key of a cache entry: Go's {@code cache.ActionID}, a salted SHA-256 over everything that went
 * into an action, salted with the go command's version ({@code NewHash} in Go's {@code
 * cmd/go/internal/cache/hash.go}), so every Go release has its own IDs. Named {@code <hex>-a} on
 * disk.
 */
public record ActionId(Hash hash) implements Comparable<ActionId> {
  public ActionId {
    if (hash == null) {
      throw new IllegalArgumentException("hash == null");
    }
  }

  /** Parses 64 hex digits. */
  public static ActionId fromHex(CharSequence hex) {
    return new ActionId(Hash.fromHex(hex));
  }

  /** Lowercase hex, as in file names. */
  public String hex() {
    return hash.hex();
  }

  /** The 20-character form that leads a compiled archive's build ID. */
  public String buildIdPart() {
    return hash.toBuildIdPart();
  }

  @Override
  public int compareTo(ActionId o) {
    return hash.compareTo(o.hash);
  }

  @Override
  public String toString() {
    return hash.hex();
  }
}
