package dev.gocachectl.prog;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import jdk.net.ExtendedSocketOptions;

/**
 * The daemon's side of what keeps another local user out of a go command's cache program (the
 * bridge checks the same from its side, in bridge/private.go): the socket's directory is a
 * directory, not a symbolic link, owned by the daemon's user, with mode 0700, so that nobody else
 * can have put a socket or a log there; every connection comes from a process of the daemon's user
 * ({@code SO_PEERCRED}); and the log is opened without following a symbolic link.
 */
final class PrivateSocket {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private PrivateSocket() {}

  /** The user this process runs as (the owner of {@code /proc/self}, its effective uid). */
  static UserPrincipal self() throws IOException {
    return Files.getOwner(Path.of("/proc/self"));
  }

  /** Makes {@code dir} with mode 0700 if it is missing; checks it is private to this user. */
  static void ensureDir(Path dir) throws IOException {
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      Files.setPosixFilePermissions(dir, OWNER_ONLY); // the umask may have taken bits away
    } catch (FileAlreadyExistsException e) {
      // checked below
    }
    PosixFileAttributes a =
        Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    UserPrincipal me = self();
    if (a.isSymbolicLink()) {
      throw new IOException(
          "the socket directory "
              + dir
              + " is a symbolic link, which another user may have planted");
    }
    if (!a.isDirectory()) {
      throw new IOException("the socket directory " + dir + " is not a directory");
    }
    if (!a.owner().equals(me)) {
      throw new IOException(
          "the socket directory "
              + dir
              + " belongs to "
              + a.owner().getName()
              + ", not to "
              + me.getName()
              + ", who runs the daemon: another user may have made it to stand in for the daemon;"
              + " remove it");
    }
    if (!a.permissions().equals(OWNER_ONLY)) {
      throw new IOException(
          "the socket directory "
              + dir
              + " has mode "
              + PosixFilePermissions.toString(a.permissions())
              + ", not rwx------, so others may put a socket in it; run chmod 700 "
              + dir);
    }
  }

  /** The user of the process at the other end of a connection, or why it is not known. */
  static UserPrincipal peer(SocketChannel ch) throws IOException {
    return ch.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
  }

  /** Opens the daemon's log for appending, mode 0600; a symbolic link there is refused. */
  static PrintStream openLog(Path file) throws IOException {
    FileChannel ch;
    try {
      ch =
          FileChannel.open(
              file,
              Set.of(
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND,
                  LinkOption.NOFOLLOW_LINKS),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (IOException e) {
      if (Files.isSymbolicLink(file)) {
        throw new IOException("the daemon's log " + file + " is a symbolic link; remove it", e);
      }
      throw e;
    }
    return new PrintStream(Channels.newOutputStream(ch), true, StandardCharsets.UTF_8);
  }
}
