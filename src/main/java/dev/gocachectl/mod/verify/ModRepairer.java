package dev.gocachectl.mod.verify;

import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModCache.FileKind;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.SemVer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Removes the module versions a {@link ModVerifyReport} condemns, so that the next go command
 * downloads them again (and checks them against go.sum and the checksum database on the way): the
 * extracted tree (made writable first: go leaves its directories read-only, which is why a plain
 * {@code rm -rf} fails), the {@code .zip}, {@code .ziphash}, {@code .mod}, {@code .info} and {@code
 * .partial} files and leftovers of interrupted downloads. The {@code .lock} file stays (a running
 * go may hold it). The version is dropped from {@code @v/list}, rewritten through a temporary file
 * and a rename. Nothing else in the cache is touched; go.sum is never edited.
 */
public final class ModRepairer {
  /** What was removed for one module version. */
  public record Removal(ModuleVersion module, List<Path> removed, List<String> reasons) {}

  private ModRepairer() {}

  /** Removes every module version with a repairable problem. */
  public static List<Removal> repair(ModCache cache, ModVerifyReport report) throws IOException {
    java.util.Map<ModuleVersion, List<String>> condemned = new java.util.TreeMap<>();
    for (ModFinding f : report.findings()) {
      if (f.kind().isRepairable() && f.module() != null) {
        condemned.computeIfAbsent(f.module(), k -> new ArrayList<>()).add(f.kind().id());
      }
    }
    List<Removal> out = new ArrayList<>();
    for (var e : condemned.entrySet()) {
      out.add(
          new Removal(
              e.getKey(), remove(cache, e.getKey()), List.copyOf(new TreeSet<>(e.getValue()))));
    }
    return out;
  }

  private static List<Path> remove(ModCache cache, ModuleVersion m) throws IOException {
    List<Path> removed = new ArrayList<>();
    Path tree = cache.extracted(m);
    if (Files.isDirectory(tree)) {
      deleteTree(tree);
      removed.add(tree);
    }
    for (FileKind k :
        List.of(FileKind.ZIP, FileKind.ZIPHASH, FileKind.MOD, FileKind.INFO, FileKind.PARTIAL)) {
      if (Files.deleteIfExists(cache.file(m, k))) {
        removed.add(cache.file(m, k));
      }
    }
    Path dir = cache.versionsDir(m.path());
    if (Files.isDirectory(dir)) {
      try (var ds = Files.newDirectoryStream(dir, m.escapedVersion() + ".*.tmp")) {
        for (Path p : ds) {
          Files.deleteIfExists(p);
          removed.add(p);
        }
      }
      dropFromList(dir.resolve("list"), m.version());
    }
    return removed;
  }

  /** Makes directories writable and deletes the tree, as go's {@code modfetch.RemoveAll} does. */
  static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            writable(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void writable(Path dir) throws IOException {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir);
      if (p.add(PosixFilePermission.OWNER_WRITE) | p.add(PosixFilePermission.OWNER_EXECUTE)) {
        Files.setPosixFilePermissions(dir, p);
      }
    } catch (UnsupportedOperationException e) {
      dir.toFile().setWritable(true);
    }
  }

  /** Rewrites {@code list} without {@code version} (temporary file, then rename). */
  private static void dropFromList(Path list, String version) throws IOException {
    List<String> versions;
    try {
      versions =
          new ArrayList<>(List.of(Files.readString(list, StandardCharsets.UTF_8).split("\n")));
    } catch (NoSuchFileException e) {
      return;
    }
    List<String> kept = new ArrayList<>();
    for (String v : versions) {
      String clean = v.replace("\0", "").strip();
      if (!clean.isEmpty() && !clean.equals(version) && SemVer.isValid(clean.split(" ")[0])) {
        kept.add(clean);
      }
    }
    kept.sort(SemVer.ORDER);
    StringBuilder b = new StringBuilder();
    kept.forEach(v -> b.append(v).append('\n'));
    Path tmp =
        list.resolveSibling(
            "list."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                + ".tmp");
    try {
      Files.writeString(tmp, b, StandardCharsets.UTF_8);
      Files.move(tmp, list, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
