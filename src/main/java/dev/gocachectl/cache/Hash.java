package dev.gocachectl.cache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A 32-byte SHA-256 value: the shape of Go's {@code cache.ActionID} and {@code cache.OutputID}.
 *
 * <p>Immutable. Three text forms are in use by the go command and all are produced here: lowercase
 * hex (cache file names and {@code -a} entries), standard padded base64 (the GOCACHEPROG wire) and
 * {@link #toBuildIdPart()} (Go's {@code buildid.HashToString}: the first 15 bytes in unpadded
 * base64url, as seen in build IDs, {@code -debug-actiongraph} and {@code gocachehash} lines).
 */
public final class Hash implements Comparable<Hash> {
  /** Go's {@code cache.HashSize}. */
  public static final int SIZE = 32;

  private static final HexFormat HEX = HexFormat.of();
  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies 32 bytes into a hash. */
  public static Hash of(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("hash length " + bytes.length + " != " + SIZE);
    }
    return new Hash(bytes.clone());
  }

  /** Wraps a freshly computed digest without copying; the caller must not keep the array. */
  static Hash adopt(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("hash length " + bytes.length + " != " + SIZE);
    }
    return new Hash(bytes);
  }

  /**
   * Parses 64 hex digits. Like Go's {@code hex.Decode}, upper case is accepted as well as the lower
   * case Go writes.
   *
   * @throws IllegalArgumentException if the text is not 64 hex digits
   */
  public static Hash fromHex(CharSequence hex) {
    if (hex.length() != SIZE * 2) {
      throw new IllegalArgumentException(
          "expected 64 hex digits, found " + hex.length() + " characters: " + hex);
    }
    byte[] out = new byte[SIZE];
    for (int i = 0; i < SIZE; i++) {
      int hi = hexValue(hex.charAt(2 * i));
      int lo = hexValue(hex.charAt(2 * i + 1));
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("not a hex digit at offset " + (2 * i) + ": " + hex);
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return new Hash(out);
  }

  /** Parses 64 ASCII hex digits from {@code buf[off...]}, or returns null if any is not hex. */
  static Hash parseHexOrNull(byte[] buf, int off) {
    byte[] out = new byte[SIZE];
    for (int i = 0; i < SIZE; i++) {
      int hi = hexValue((char) buf[off + 2 * i]);
      int lo = hexValue((char) buf[off + 2 * i + 1]);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return new Hash(out);
  }

  /**
   * Go's {@code hex.Decode} error for the first non-hex byte in {@code buf[off, off+64)}, e.g.
   * {@code encoding/hex: invalid byte: U+0067 'g'}; null if all 64 are hex digits.
   */
  static String hexError(byte[] buf, int off) {
    for (int i = off; i < off + SIZE * 2; i++) {
      int c = buf[i] & 0xff;
      if (hexValue((char) c) < 0) {
        boolean printable = (c >= 0x20 && c < 0x7f) || (c > 0xa0 && c != 0xad);
        return String.format("encoding/hex: invalid byte: U+%04X", c)
            + (printable ? " '" + (char) c + "'" : "");
      }
    }
    return null;
  }

  private static int hexValue(char b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  /** Decodes standard base64 of exactly 32 bytes (the GOCACHEPROG form). */
  public static Hash fromBase64(String base64) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64: " + base64, e);
    }
    if (decoded.length != SIZE) {
      throw new IllegalArgumentException(
          "expected 32 bytes of base64, found " + decoded.length + ": " + base64);
    }
    return new Hash(decoded);
  }

  /** The SHA-256 of some bytes. */
  public static Hash sha256(byte[] data) {
    return new Hash(newDigest().digest(data));
  }

  /** A fresh SHA-256 digest (the JDK's SUN provider, which uses the SHA-NI intrinsic under C2). */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** The SHA-256 of a file's bytes. */
  public static Hash ofFile(java.nio.file.Path file) throws java.io.IOException {
    MessageDigest digest = newDigest();
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
    }
    return new Hash(digest.digest());
  }

  /** Finishes a digest into a hash. */
  public static Hash finish(MessageDigest digest) {
    return new Hash(digest.digest());
  }

  /** A copy of the 32 bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** The first byte, which names the shard directory. */
  public int firstByte() {
    return bytes[0] & 0xff;
  }

  /** Lowercase hex, 64 characters. */
  public String hex() {
    return HEX.formatHex(bytes);
  }

  /** Standard padded base64, 44 characters. */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Go's {@code buildid.HashToString}: the first 15 bytes, unpadded base64url, 20 characters. */
  public String toBuildIdPart() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(bytes, 15));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(Hash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
