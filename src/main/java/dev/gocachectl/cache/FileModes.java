package dev.gocachectl.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The modes a cache's new files and directories get: what Go gives them ({@code os.MkdirAll(dir,
 * 0777)}, files 0666, in cmd/go/internal/cache/cache.go) less the umask of the go command being
 * served. In that go command's own process the kernel applies its umask, and nothing is to be done
 * ({@link #PROCESS}). The prog daemon serves go commands of any umask from one process: it sets the
 * modes itself, a new directory once made and a file before it is renamed into place. The launcher
 * starts the daemon with umask 077, so a file is never wider while it is written than it will be.
 *
 * @param umask the go command's umask, or -1 for this process's own (the kernel applies it)
 */
public record FileModes(int umask) {
  /** This process's umask, applied by the kernel. */
  public static final FileModes PROCESS = new FileModes(-1);

  public FileModes {
    if (umask < -1 || umask > 0777) {
      throw new IllegalArgumentException("umask out of range: " + Integer.toOctalString(umask));
    }
  }

  /** The modes of a go command whose umask is {@code umask} (-1: unknown, this process's own). */
  public static FileModes forUmask(int umask) {
    return umask < 0 || umask == ProcessUmask.VALUE ? PROCESS : new FileModes(umask);
  }

  /** Gives a new file its mode: 0666 less the umask. */
  public void file(Path p) throws IOException {
    if (umask >= 0) {
      Files.setPosixFilePermissions(p, permissions(0666 & ~umask));
    }
  }

  /** Makes {@code dir} and its missing parents, each with mode 0777 less the umask. */
  public void createDirectories(Path dir) throws IOException {
    if (umask < 0 || Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      createDirectories(parent);
    }
    try {
      Files.createDirectory(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      if (Files.isDirectory(dir)) {
        return; // made by another writer meanwhile: its mode is its maker's
      }
      throw e;
    }
    Files.setPosixFilePermissions(dir, permissions(0777 & ~umask));
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ first: 0400
    Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        s.add(bits[i]);
      }
    }
    return s;
  }

  /** This process's umask, from /proc/self/status (Linux 4.7 and later), or -1; read once. */
  private static final class ProcessUmask {
    static final int VALUE = read();

    private static int read() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("Umask:")) {
            return Integer.parseInt(line.substring(6).strip(), 8);
          }
        }
      } catch (IOException | NumberFormatException e) {
        // unknown: modes are then always set explicitly
      }
      return -1;
    }
  }
}
