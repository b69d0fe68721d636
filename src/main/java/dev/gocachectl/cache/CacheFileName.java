package dev.gocachectl.cache;

import java.util.Optional;

/**
 * The name of a file cmd/go keeps in a shard directory: {@code <64 lowercase hex>-a} for an action
 * entry or {@code <64 lowercase hex>-d} for an output. Anything else in a shard directory is
 * foreign to Go: it never reads it and its trim never removes it.
 */
public record CacheFileName(Kind kind, Hash hash) {
  /** Which of the two files. */
  public enum Kind {
    ACTION('a'),
    OUTPUT('d');

    private final char suffix;

    Kind(char suffix) {
      this.suffix = suffix;
    }

    /** The letter after the dash. */
    public char suffix() {
      return suffix;
    }
  }

  /** Length of every cache file name. */
  public static final int LENGTH = 66;

  /**
   * Parses a name, accepting only what Go writes ({@code %x} is lowercase). Returns empty for
   * anything else.
   */
  public static Optional<CacheFileName> parse(String name) {
    if (name.length() != LENGTH || name.charAt(64) != '-') {
      return Optional.empty();
    }
    Kind kind =
        switch (name.charAt(65)) {
          case 'a' -> Kind.ACTION;
          case 'd' -> Kind.OUTPUT;
          default -> null;
        };
    if (kind == null) {
      return Optional.empty();
    }
    for (int i = 0; i < 64; i++) {
      char c = name.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return Optional.empty();
      }
    }
    return Optional.of(new CacheFileName(kind, Hash.fromHex(name.substring(0, 64))));
  }

  /** The file name for an action entry. */
  public static String of(ActionId id) {
    return id.hex() + "-a";
  }

  /** The file name for an output. */
  public static String of(OutputId id) {
    return id.hex() + "-d";
  }

  /** The shard directory name this file belongs in: the first byte of the hash, two hex digits. */
  public String shard() {
    return CacheDir.shardName(hash.firstByte());
  }

  /** The action ID, if this names an action entry. */
  public ActionId actionId() {
    if (kind != Kind.ACTION) {
      throw new IllegalStateException("not an action entry: " + this);
    }
    return new ActionId(hash);
  }

  /** The output ID, if this names an output. */
  public OutputId outputId() {
    if (kind != Kind.OUTPUT) {
      throw new IllegalStateException("not an output: " + this);
    }
    return new OutputId(hash);
  }

  @Override
  public String toString() {
    return hash.hex() + "-" + kind.suffix();
  }
}
