package dev.gocachectl.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Lists a cache directory: the top level and the 256 shards, with one stat per file and the shards
 * walked in parallel (at a million files, walking is seconds, so it is spread over the cores).
 *
 * <p>A file that vanishes between listing and stat (a concurrent trim) is simply left out. Nothing
 * is opened here, and a name that is neither a regular file nor a directory once symbolic links are
 * followed (a named pipe, whose open blocks forever, a socket, a device, a dangling link or a link
 * loop) is listed as {@code odd}, with what it is, so that nobody opens it later.
 */
public final class CacheScan {
  /**
   * One file or directory in a shard. {@code name} is null for names Go does not use; {@code size}
   * of a directory is the size of the files in it (an executable entry).
   */
  public record Item(
      Path path,
      String fileName,
      CacheFileName name,
      long size,
      long mtimeMillis,
      boolean dir,
      String odd) {

    /** Whether Go would use this file: a well-formed name in the shard its hash says. */
    public boolean isCacheFile(String shard) {
      return name != null && name.shard().equals(shard);
    }
  }

  /** One shard's listing. */
  public record Shard(String name, Path dir, List<Item> items) {}

  /** One top-level name; {@code odd} says what it is when not a regular file or directory. */
  public record TopLevel(
      Path path, String name, boolean dir, long size, long mtimeMillis, String odd) {}

  /** A visitor called once per shard, possibly from several threads at once. */
  @FunctionalInterface
  public interface ShardVisitor {
    void visit(Shard shard) throws IOException;
  }

  private CacheScan() {}

  /** Lists the top level of the cache. */
  public static List<TopLevel> topLevel(CacheDir cache) throws IOException {
    List<TopLevel> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(cache.root())) {
      for (Path p : s) {
        Look k = look(p);
        if (k != null) {
          out.add(
              new TopLevel(
                  p,
                  p.getFileName().toString(),
                  k.attrs().isDirectory(),
                  k.attrs().size(),
                  k.attrs().lastModifiedTime().toMillis(),
                  k.odd()));
        }
      }
    }
    out.sort((x, y) -> x.name().compareTo(y.name()));
    return out;
  }

  /**
   * Lists every existing shard directory (names {@code 00}..{@code ff}) and hands each to the
   * visitor on one of {@code threads} threads. Returns when all are done; the first failure is
   * rethrown.
   */
  public static void shards(CacheDir cache, int threads, ShardVisitor visitor) throws IOException {
    List<Path> dirs = cache.shardDirs();
    if (threads <= 1) {
      for (Path d : dirs) {
        visitShard(d, visitor);
      }
      return;
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = new ArrayList<>();
      for (Path d : dirs) {
        futures.add(
            pool.submit(
                () -> {
                  visitShard(d, visitor);
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        await(f);
      }
    }
  }

  private static void await(Future<?> f) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while scanning the cache", e);
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case IOException io -> throw io;
        case UncheckedIOException uio -> throw uio.getCause();
        case RuntimeException re -> throw re;
        case Error err -> throw err;
        default -> throw new IOException(e.getCause());
      }
    }
  }

  private static void visitShard(Path dir, ShardVisitor visitor) throws IOException {
    String shard = dir.getFileName().toString();
    Look d = look(dir);
    if (d == null || !d.attrs().isDirectory() || d.odd() != null) {
      // Missing: an empty shard (go recreates it on its next open). Anything else is reported by
      // the top-level listing, and never opened: the JDK opens a directory to list it, and the
      // open of a named pipe blocks forever.
      return;
    }
    List<Item> items = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        Look k = look(p);
        if (k == null) {
          continue;
        }
        BasicFileAttributes a = k.attrs();
        String fileName = p.getFileName().toString();
        long size = a.isDirectory() ? contentSize(p) : a.size();
        items.add(
            new Item(
                p,
                fileName,
                CacheFileName.parse(fileName).orElse(null),
                size,
                a.lastModifiedTime().toMillis(),
                a.isDirectory(),
                k.odd()));
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      // A missing shard is an empty one (go recreates it on its next open); a shard name that is
      // not a directory is reported by the top-level listing.
      return;
    }
    visitor.visit(new Shard(shard, dir, items));
  }

  /** The bytes of the regular files directly inside a directory (an executable entry holds one). */
  private static long contentSize(Path dir) throws IOException {
    long total = 0;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        BasicFileAttributes a = attributesOrNull(p);
        if (a != null && a.isRegularFile()) {
          total += a.size();
        }
      }
    } catch (NoSuchFileException e) {
      return 0;
    }
    return total;
  }

  private static BasicFileAttributes attributesOrNull(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** A name's attributes (links followed, as go follows them) and what it is if it is odd. */
  private record Look(BasicFileAttributes attrs, String odd) {}

  /** Looks at a name without opening it; null when it has vanished. */
  private static Look look(Path p) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class);
    } catch (FileSystemException e) {
      BasicFileAttributes link;
      try {
        link = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException gone) {
        return null; // removed since the listing
      }
      if (!link.isSymbolicLink()) {
        throw e;
      }
      String why =
          e instanceof NoSuchFileException
              ? "a dangling symbolic link"
              : "a symbolic link that cannot be followed ("
                  + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName())
                  + ")";
      return new Look(link, why);
    }
    if (a.isRegularFile() || a.isDirectory()) {
      return new Look(a, null);
    }
    return new Look(a, typeOf(p) + ", never opened (go writes only files and directories)");
  }

  /** What a name that is neither a file nor a directory is, from its {@code st_mode}. */
  private static String typeOf(Path p) {
    try {
      int mode = (Integer) Files.getAttribute(p, "unix:mode");
      return switch (mode & 0170000) {
        case 0010000 -> "a named pipe";
        case 0140000 -> "a socket";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        default -> "neither a regular file nor a directory";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "neither a regular file nor a directory";
    }
  }
}
