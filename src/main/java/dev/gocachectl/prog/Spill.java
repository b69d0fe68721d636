package dev.gocachectl.prog;

import dev.gocachectl.cache.OutputId;
import dev.gocachectl.failure.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a put body goes when the local tier cannot take it (its disk is full, over quota, or read
 * only): one directory per session under {@code $TMPDIR} (else {@code java.io.tmpdir}), {@code
 * gocachectl-spill-*}, made on the first spill and deleted when the session ends. go must be able
 * to read a put's {@code DiskPath} until close, and a put answered with {@code Err} fails {@code go
 * list -export}, the module index and the generated test main; so a full local disk costs the
 * cache, not the build.
 *
 * <p>A spilled body is not an entry: a later get of its action misses, and it is not uploaded
 * (uploads read from the local tier, which does not have it).
 */
final class Spill implements AutoCloseable {
  private final PrintStream err;
  private final Path parent;
  private Path dir;

  Spill(PrintStream err, Map<String, String> env) {
    this(err, defaultParent(env));
  }

  private static Path defaultParent(Map<String, String> env) {
    String t = env.get("TMPDIR");
    if (t != null && !t.isEmpty() && Path.of(t).isAbsolute()) {
      return Path.of(t);
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  Spill(PrintStream err, Path parent) {
    this.err = err;
    this.parent = parent;
  }

  /**
   * A new file for a body that the local tier refused ({@code why}); it is the caller's to fill.
   */
  synchronized Path newFile(OutputId out, IOException why) throws IOException {
    if (dir == null) {
      dir = Files.createTempDirectory(parent, "gocachectl-spill-");
      err.println(
          "gocachectl prog: the local tier cannot take more ("
              + Failure.of(why)
              + "); bodies go to "
              + dir
              + " until go exits, and are not cached");
    }
    return Files.createTempFile(dir, out.hex().substring(0, 16) + "-", "");
  }

  /** Moves (or copies) a complete body into the spill directory; returns where it is now. */
  Path adopt(Path body, OutputId out, IOException why) throws IOException {
    Path f = newFile(out, why);
    try {
      Files.move(body, f, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try (InputStream in = Files.newInputStream(body);
          OutputStream o = Files.newOutputStream(f)) {
        in.transferTo(o);
      }
    }
    return f;
  }

  /** Deletes the spill directory; go has no more use for its files. */
  @Override
  public synchronized void close() {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      err.println("gocachectl prog: cannot delete " + dir + ": " + Failure.of(e));
    }
    dir = null;
  }
}
