package dev.gocachectl.prog;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.FileModes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The per-build stats log of a prog directory ({@link BuildReport} has the line format). Appends
 * are single O_APPEND writes; past {@value #ROTATE_BYTES} bytes the log moves to {@code
 * prog-stats.jsonl.1} (replacing an older one) and a fresh one starts.
 */
public final class StatsLog {
  public static final String FILE = "prog-stats.jsonl";
  static final long ROTATE_BYTES = 16L << 20;

  private StatsLog() {}

  /** The log file of a prog directory. */
  public static Path file(CacheDir dir) {
    return dir.root().resolve(CacheDir.TOOL_STATE).resolve(FILE);
  }

  static void append(CacheDir dir, String line, FileModes modes) throws IOException {
    Path f = file(dir);
    modes.createDirectories(f.getParent());
    if (!modes.equals(FileModes.PROCESS) && !Files.exists(f)) {
      try {
        Files.createFile(f);
        modes.file(f);
      } catch (FileAlreadyExistsException e) {
        // made by another session meanwhile
      }
    }
    Files.write(
        f,
        line.getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
    if (Files.size(f) > ROTATE_BYTES) {
      Files.move(
          f,
          f.resolveSibling(FILE + ".1"),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
