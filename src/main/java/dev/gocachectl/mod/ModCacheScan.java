package dev.gocachectl.mod;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists every module version a module cache holds: the {@code @v} directories under {@code
 * cache/download} (the {@code sumdb} subtree aside) and the extracted trees {@code <em>@<ev>} under
 * the root. Names that do not decode to a valid module version are skipped (go never writes them).
 */
public final class ModCacheScan {
  private static final Pattern TEMP = Pattern.compile("^(.+?)\\.(zip|mod|info|ziphash)\\d*\\.tmp$");
  private static final Pattern TEMP_DIR = Pattern.compile("^(.+)\\.tmp-\\d+$");

  private final ModCache cache;
  private final Map<ModuleVersion, Builder> found = new TreeMap<>();

  private ModCacheScan(ModCache cache) {
    this.cache = cache;
  }

  /** Every module version in {@code cache}, sorted. */
  public static List<CachedVersion> scan(ModCache cache) throws IOException {
    ModCacheScan s = new ModCacheScan(cache);
    if (Files.isDirectory(cache.download())) {
      s.walkDownloads();
    }
    s.walkExtracted();
    List<CachedVersion> out = new ArrayList<>(s.found.size());
    s.found.forEach((m, b) -> out.add(b.build(m)));
    return out;
  }

  /** What the cache holds of one module version (all absent if nothing). */
  public static CachedVersion look(ModCache cache, ModuleVersion m) throws IOException {
    Set<ModCache.FileKind> files = EnumSet.noneOf(ModCache.FileKind.class);
    long zipSize = 0;
    for (ModCache.FileKind k : ModCache.FileKind.values()) {
      Path p = cache.file(m, k);
      if (Files.exists(p)) {
        files.add(k);
        if (k == ModCache.FileKind.ZIP) {
          zipSize = Files.size(p);
        }
      }
    }
    List<Path> leftovers = new ArrayList<>();
    Path dir = cache.versionsDir(m.path());
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> ds =
          Files.newDirectoryStream(dir, m.escapedVersion() + ".*.tmp")) {
        ds.forEach(leftovers::add);
      }
    }
    return new CachedVersion(m, files, Files.isDirectory(cache.extracted(m)), leftovers, zipSize);
  }

  private Builder at(ModuleVersion m) {
    return found.computeIfAbsent(m, k -> new Builder());
  }

  private void walkDownloads() throws IOException {
    Path sumdb = cache.download().resolve("sumdb");
    Files.walkFileTree(
        cache.download(),
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (dir.equals(sumdb)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (dir.getFileName() != null && dir.getFileName().toString().equals("@v")) {
              versions(dir);
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private void versions(Path atV) throws IOException {
    String escapedPath = slashed(cache.download().relativize(atV.getParent()));
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(atV)) {
      for (Path f : ds) {
        String name = f.getFileName().toString();
        Matcher t = TEMP.matcher(name);
        if (t.matches()) {
          ModuleVersion.unescape(escapedPath, t.group(1)).ifPresent(m -> at(m).leftovers.add(f));
          continue;
        }
        for (ModCache.FileKind k : ModCache.FileKind.values()) {
          if (name.endsWith(k.suffix())) {
            String v = name.substring(0, name.length() - k.suffix().length());
            Optional<ModuleVersion> m = ModuleVersion.unescape(escapedPath, v);
            if (m.isPresent()) {
              Builder b = at(m.get());
              b.files.add(k);
              if (k == ModCache.FileKind.ZIP) {
                b.zipSize = Files.size(f);
              }
            }
          }
        }
      }
    }
  }

  private void walkExtracted() throws IOException {
    if (!Files.isDirectory(cache.root())) {
      return;
    }
    Path skip = cache.root().resolve("cache");
    Files.walkFileTree(
        cache.root(),
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(skip)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!name.contains("@")) {
              return FileVisitResult.CONTINUE;
            }
            extractedDir(dir);
            return FileVisitResult.SKIP_SUBTREE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            throw e;
          }
        });
  }

  private void extractedDir(Path dir) {
    String rel = slashed(cache.root().relativize(dir));
    Matcher tmp = TEMP_DIR.matcher(rel);
    boolean debris = tmp.matches();
    String name = debris ? tmp.group(1) : rel;
    int at = name.lastIndexOf('@');
    Optional<ModuleVersion> m =
        ModuleVersion.unescape(name.substring(0, at), name.substring(at + 1));
    if (m.isPresent()) {
      if (debris) {
        at(m.get()).leftovers.add(dir);
      } else {
        at(m.get()).extracted = true;
      }
    }
  }

  private static String slashed(Path rel) {
    return rel.toString().replace(java.io.File.separatorChar, '/');
  }

  private static final class Builder {
    final Set<ModCache.FileKind> files = EnumSet.noneOf(ModCache.FileKind.class);
    final List<Path> leftovers = new ArrayList<>();
    boolean extracted;
    long zipSize;

    CachedVersion build(ModuleVersion m) {
      return new CachedVersion(m, files, extracted, leftovers, zipSize);
    }
  }
}
