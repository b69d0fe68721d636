package dev.gocachectl.mod.sumdb;

import dev.gocachectl.cache.Hash;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A tree head: the log's size and root hash, as the text of a signed note (Go's {@code
 * tlog.FormatTree}):
 *
 * <pre>
 * go.sum database tree
 * 123456789012
 * TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=
 * </pre>
 *
 * Parsing ignores lines after the hash (forward compatibility); the size is canonical decimal, the
 * hash 32 bytes of standard base64; the text at most 1,000,000 bytes.
 *
 * @param size the number of records
 * @param hash the root hash
 */
public record TreeHead(long size, Hash hash) {
  static final String PREFIX = "go.sum database tree\n";

  /** The note text. */
  public String format() {
    return PREFIX + size + "\n" + hash.base64() + "\n";
  }

  /** Go's {@code tlog.ParseTree}. */
  public static Optional<TreeHead> parse(String text) {
    if (!text.startsWith(PREFIX)
        || text.chars().filter(c -> c == '\n').count() < 3
        || text.getBytes(StandardCharsets.UTF_8).length > 1_000_000) {
      return Optional.empty();
    }
    String[] lines = text.split("\n", 4);
    try {
      long n = Long.parseLong(lines[1]);
      if (n < 0 || !lines[1].equals(Long.toString(n))) {
        return Optional.empty();
      }
      byte[] h = Base64.getDecoder().decode(lines[2]);
      if (h.length != Hash.SIZE || !lines[2].equals(Base64.getEncoder().encodeToString(h))) {
        return Optional.empty();
      }
      return Optional.of(new TreeHead(n, Hash.of(h)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
