package dev.gocachectl.cache;

/**
 * The name of a cached output: Go's {@code cache.OutputID}, the plain (unsalted) SHA-256 of the
 * output's bytes. Named {@code <hex>-d} on disk.
 */
public record OutputId(Hash hash) implements Comparable<OutputId> {
  /** The output ID of the empty output, which many entries share (empty compiler stdout). */
  public static final OutputId EMPTY = new OutputId(Hash.sha256(new byte[0]));

  public OutputId {
    if (hash == null) {
      throw new IllegalArgumentException("hash == null");
    }
  }

  /** Parses 64 hex digits. */
  public static OutputId fromHex(CharSequence hex) {
    return new OutputId(Hash.fromHex(hex));
  }

  /** Lowercase hex, as in file names. */
  public String hex() {
    return hash.hex();
  }

  @Override
  public int compareTo(OutputId o) {
    return hash.compareTo(o.hash);
  }

  @Override
  public String toString() {
    return hash.hex();
  }
}
