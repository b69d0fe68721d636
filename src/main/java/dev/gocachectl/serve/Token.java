package dev.gocachectl.serve;

import dev.gocachectl.secret.SecretFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The token that writes need ({@code Authorization: Bearer TOKEN}). Read from {@code --token-file}
 * (a regular file of ours that no other user can read), or made once and kept in {@code
 * <data>/token} (mode 0600). Compared in constant time: the SHA-256 of both sides with {@code
 * MessageDigest.isEqual}, so neither the content nor the length leaks through timing.
 */
final class Token {
  static final String FILE = "token";
  private final byte[] digest;

  private Token(String token) {
    this.digest = sha256(token);
  }

  /** The token of {@code --token-file}, checked for its owner and mode. */
  static Token fromFile(Path file) throws IOException {
    return new Token(SecretFile.read(file, "the token file"));
  }

  /** The token kept in the data directory, made on first use. */
  static Token inDataDir(Path dataDir) throws IOException {
    Path f = dataDir.resolve(FILE);
    if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
      byte[] b = new byte[32];
      new SecureRandom().nextBytes(b);
      Path tmp = dataDir.resolve(FILE + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, HexFormat.of().formatHex(b) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return fromFile(f);
  }

  /** Whether an {@code Authorization} header carries the token. */
  boolean admits(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    return MessageDigest.isEqual(digest, sha256(authorization.substring(7).strip()));
  }

  /** Cloned per use: cheaper than looking the provider up on every request. */
  private static final MessageDigest SHA256;

  static {
    try {
      SHA256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(String s) {
    try {
      return ((MessageDigest) SHA256.clone()).digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }
}
