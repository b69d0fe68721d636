package dev.gocachectl.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Go build cache directory (GOCACHE) and its layout.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * $GOCACHE/
 *   README           courtesy text, written by go when missing; content varies by Go version
 *   trim.txt         time of the last trim, decimal Unix seconds, no newline (go clean keeps it)
 *   testexpire.txt   written by "go clean -testcache": decimal Unix nanoseconds + "\n"
 *   fuzz/            the fuzzing corpus cache; never trimmed by go
 *   00/ .. ff/       256 shards, the first byte of the ID in lowercase hex
 *     &lt;hex&gt;-a        an action entry, 175 bytes ({@link ActionEntry})
 *     &lt;hex&gt;-d        an output, named by the SHA-256 of its bytes
 *     &lt;hex&gt;-d/       since Go 1.24, a cached executable: a directory holding exactly one file
 * </pre>
 *
 * <p>gocachectl keeps its own state in {@code gocachectl/} at the top (the {@code prog} stats log
 * and the trim journal). {@code log.txt} at the top was written by Go 1.10 to 1.12 and is still
 * deleted by {@code go clean -cache}. Go ignores every other name, in the shards and at the top.
 */
public final class CacheDir {
  public static final String README = "README";
  public static final String TRIM_STAMP = "trim.txt";
  public static final String TEST_EXPIRE = "testexpire.txt";
  public static final String FUZZ = "fuzz";
  public static final String HISTORIC_LOG = "log.txt";

  /** gocachectl's own state (prog stats log, trim journal); go ignores it. */
  public static final String TOOL_STATE = "gocachectl";

  public static final int SHARDS = 256;

  private static final Set<String> RESERVED =
      Set.of(README, TRIM_STAMP, TEST_EXPIRE, FUZZ, TOOL_STATE);

  private final Path root;

  private CacheDir(Path root) {
    this.root = root;
  }

  /**
   * Opens an existing cache directory. Nothing is created: a tool that inspects a cache must not
   * make one up where the user mistyped a path.
   */
  public static CacheDir open(Path root) throws IOException {
    Path abs = root.toAbsolutePath().normalize();
    if (!Files.exists(abs)) {
      throw new NoSuchFileException(
          abs.toString(),
          null,
          "no such cache directory; check the path (--cache, $GOCACHE), or run a go build to"
              + " create the cache");
    }
    if (!Files.isDirectory(abs)) {
      throw new FileSystemException(
          abs.toString(), null, "not a directory; give the cache directory itself");
    }
    return new CacheDir(abs);
  }

  /**
   * Opens a cache directory, creating it and its shard directories when missing, as Go's {@code
   * cache.Open} does for a directory it is going to write.
   */
  public static CacheDir create(Path root) throws IOException {
    return create(root, FileModes.PROCESS);
  }

  /** {@link #create(Path)}, the directories it makes given {@code modes}. */
  public static CacheDir create(Path root, FileModes modes) throws IOException {
    Path abs = root.toAbsolutePath().normalize();
    if (Files.isDirectory(abs.resolve(shardName(SHARDS - 1)))) {
      return new CacheDir(abs); // made before: the last shard is made last
    }
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new FileSystemException(abs.toString(), null, "exists and is not a directory");
    }
    modes.createDirectories(abs);
    for (int i = 0; i < SHARDS; i++) {
      modes.createDirectories(abs.resolve(shardName(i)));
    }
    return new CacheDir(abs);
  }

  /** The absolute cache directory. */
  public Path root() {
    return root;
  }

  /** {@code "00"} to {@code "ff"}. */
  public static String shardName(int i) {
    if (i < 0 || i >= SHARDS) {
      throw new IllegalArgumentException("shard out of range: " + i);
    }
    return SHARD_NAMES[i]; // on every get's path: String.format showed in the daemon's profile
  }

  private static final String[] SHARD_NAMES = new String[SHARDS];

  static {
    java.util.HexFormat hex = java.util.HexFormat.of();
    for (int i = 0; i < SHARDS; i++) {
      SHARD_NAMES[i] = hex.toHexDigits((byte) i);
    }
  }

  /** Whether a top-level name is a shard directory name (two lowercase hex digits). */
  public static boolean isShardName(String name) {
    return name.length() == 2 && isLowerHex(name.charAt(0)) && isLowerHex(name.charAt(1));
  }

  private static boolean isLowerHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  /** Whether a top-level name is one Go owns besides the shards and must never be removed. */
  public static boolean isReservedName(String name) {
    return RESERVED.contains(name);
  }

  /** All 256 shard directories, whether or not they exist. */
  public List<Path> shardDirs() {
    List<Path> dirs = new ArrayList<>(SHARDS);
    for (int i = 0; i < SHARDS; i++) {
      dirs.add(root.resolve(shardName(i)));
    }
    return dirs;
  }

  /** Where an action entry lives. */
  public Path actionFile(ActionId id) {
    return root.resolve(shardName(id.hash().firstByte())).resolve(CacheFileName.of(id));
  }

  /** Where an output lives: a file, or since Go 1.24 a directory holding one executable. */
  public Path outputPath(OutputId id) {
    return root.resolve(shardName(id.hash().firstByte())).resolve(CacheFileName.of(id));
  }

  /**
   * Reads an action entry the way Go's {@code get} does: up to 176 bytes, then {@link
   * ActionEntry#parse}.
   *
   * @throws NoSuchFileException if there is no entry
   */
  public EntryRead readAction(ActionId id) throws IOException {
    return readAction(actionFile(id), id);
  }

  /**
   * Reads an action entry from a given file, which should be named for {@code id}. A name that is
   * not a regular file (a named pipe, whose open would block forever) is not opened: it reads as a
   * malformed entry, which go's next put replaces.
   */
  public static EntryRead readAction(Path file, ActionId id) throws IOException {
    if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
      return EntryRead.malformed("not a regular file");
    }
    return readRegularAction(file, id);
  }

  /** {@link #readAction(Path, ActionId)} of a file already seen to be a regular file. */
  static EntryRead readRegularAction(Path file, ActionId id) throws IOException {
    byte[] buf = new byte[ActionEntry.SIZE + 1];
    int n = 0;
    try (InputStream in = Files.newInputStream(file)) {
      while (n < buf.length) {
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    }
    return ActionEntry.parse(buf, n, id);
  }

  /**
   * Whether the output stored under {@code id} (a file or an executable directory) holds bytes that
   * hash to {@code id}.
   */
  public boolean outputIntact(OutputId id) throws IOException {
    Path content = StoredOutput.locate(outputPath(id)).contentFile();
    if (content == null) {
      return false;
    }
    try {
      return Hash.ofFile(content).equals(id.hash());
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /**
   * Removes one cache file: an action entry, an output file, or an executable directory with all it
   * holds, subdirectories included, as go's trim does ({@code os.RemoveAll} of a {@code -d}
   * directory in {@code cmd/go/internal/cache}). Symbolic links are removed, never followed.
   * Returns false if it was already gone.
   */
  public static boolean removeEntry(Path path) throws IOException {
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      return Files.deleteIfExists(path);
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE; // removed meanwhile
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
              }
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      return false;
    }
    return true;
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
