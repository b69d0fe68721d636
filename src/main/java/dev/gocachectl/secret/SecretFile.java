package dev.gocachectl.secret;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A secret kept in a file (serve's token, a webhook's signing key): read only from a regular file
 * (not a symlink) that belongs to the user running gocachectl and that no other user can read or
 * write, at most {@value #MAX_BYTES} bytes, surrounding whitespace stripped, at least {@value
 * #MIN_CHARS} characters. Every refusal names the file and says what to do.
 */
public final class SecretFile {
  static final int MAX_BYTES = 4096;
  static final int MIN_CHARS = 16;

  private SecretFile() {}

  /** The secret in {@code file}; {@code what} names it in messages ("the token file"). */
  public static String read(Path file, String what) throws IOException {
    PosixFileAttributes a;
    try {
      a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new IOException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
    if (!a.isRegularFile()) {
      throw new IOException(what + " " + file + " is not a regular file");
    }
    String me = System.getProperty("user.name");
    if (!a.owner().getName().equals(me)) {
      throw new IOException(
          what
              + " "
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
          what
              + " "
              + file
              + " is readable or writable by others (mode "
              + PosixFilePermissions.toString(p)
              + "); chmod 600 it");
    }
    byte[] b;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      b = in.readNBytes(MAX_BYTES + 1);
    }
    if (b.length > MAX_BYTES) {
      throw new IOException(
          what + " " + file + " is over " + MAX_BYTES + " bytes; is it the right file?");
    }
    String t = new String(b, StandardCharsets.UTF_8).strip();
    if (t.length() < MIN_CHARS) {
      throw new IOException(
          "the secret in "
              + what
              + " "
              + file
              + " is shorter than "
              + MIN_CHARS
              + " characters; use a random one (openssl rand -hex 32)");
    }
    return t;
  }
}
