package dev.gocachectl.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

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
    PosixFileAttributes a;
    try {
      a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new IOException("cannot read the token file " + file + ": " + e.getMessage(), e);
    }
    if (!a.isRegularFile()) {
      throw new IOException("the token file " + file + " is not a regular file");
    }
    String me = System.getProperty("user.name");
    if (!a.owner().getName().equals(me)) {
      throw new IOException(
          "the token file "
              + file
              + " belongs to "
              + a.owner().getName()
              + ", not to "
              + me
              + "; use a file of your own");
    }
    Set<PosixFilePermission> p = a.permissions();
    if (p.contains(PosixFilePermission.GROUP_READ)
        || p.contains(PosixFilePermission.OTHERS_READ)
        || p.contains(PosixFilePermission.GROUP_WRITE)
        || p.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException(
          "the token file "
              + file
              + " is readable or writable by others (mode "
              + PosixFilePermissions.toString(p)
              + "); chmod 600 it");
    }
    String t = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (t.length() < 16) {
      throw new IOException(
          "the token in "
              + file
              + " is shorter than 16 characters; use a random one"
              + " (openssl rand -hex 32)");
    }
    return new Token(t);
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
