package dev.gocachectl.mod.sumdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A verifier key (Go's {@code note.NewVerifier}): {@code <name>+<hash>+<keydata>}, e.g. {@code
 * sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8}.
 *
 * <ul>
 *   <li>name: non-empty UTF-8 without white space or {@code +};
 *   <li>hash: 8 hex digits, the first 4 bytes (big-endian) of {@code SHA-256(name + "\n" +
 *       keydata)};
 *   <li>keydata: standard base64 of an algorithm byte and the key; algorithm 1 is Ed25519 with a
 *       32-byte public key (the only one).
 * </ul>
 *
 * Verification uses the JDK's Ed25519 ({@code X509EncodedKeySpec} of the DER prefix {@code
 * 302a300506032b6570032100} and the 32 key bytes).
 *
 * @param name the key's name (the checksum database's name)
 * @param keyHash the 32-bit key hash
 * @param key the Ed25519 public key
 */
public record NoteVerifier(String name, int keyHash, PublicKey key) {
  private static final byte[] DER_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  /**
   * Parses a verifier key.
   *
   * @throws IllegalArgumentException with Go's reason ({@code malformed verifier id}, {@code
   *     invalid verifier hash}, {@code unknown verifier algorithm})
   */
  public static NoteVerifier parse(String vkey) {
    String[] f = vkey.split("\\+", 3);
    if (f.length != 3 || f[1].length() != 8 || !isValidName(f[0])) {
      throw new IllegalArgumentException("malformed verifier id");
    }
    byte[] keydata;
    int hash;
    try {
      hash = Integer.parseUnsignedInt(f[1], 16);
      keydata = Base64.getDecoder().decode(f[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed verifier id", e);
    }
    if (keydata.length == 0) {
      throw new IllegalArgumentException("malformed verifier id");
    }
    if (hash != keyHash(f[0], keydata)) {
      throw new IllegalArgumentException("invalid verifier hash");
    }
    if (keydata[0] != 1) {
      throw new IllegalArgumentException("unknown verifier algorithm");
    }
    if (keydata.length != 33) {
      throw new IllegalArgumentException("malformed verifier id");
    }
    return new NoteVerifier(f[0], hash, publicKey(Arrays.copyOfRange(keydata, 1, 33)));
  }

  /** Go's {@code keyHash}: the first 4 bytes of {@code SHA-256(name "\n" keydata)}. */
  public static int keyHash(String name, byte[] keydata) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(name.getBytes(StandardCharsets.UTF_8));
      d.update((byte) '\n');
      d.update(keydata);
      return ByteBuffer.wrap(d.digest()).getInt();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Go's {@code isValidName}. */
  static boolean isValidName(String name) {
    return !name.isEmpty()
        && !name.contains("+")
        && name.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
  }

  /** Whether {@code sig} is this key's Ed25519 signature of {@code msg}. */
  public boolean verify(byte[] msg, byte[] sig) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(msg);
      return s.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** {@code name+hash}, how Go names a key in messages. */
  public String id() {
    return name + "+" + String.format("%08x", keyHash);
  }

  static PublicKey publicKey(byte[] raw) {
    try {
      byte[] der = Arrays.copyOf(DER_PREFIX, DER_PREFIX.length + raw.length);
      System.arraycopy(raw, 0, der, DER_PREFIX.length, raw.length);
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("malformed verifier id", e);
    }
  }
}
