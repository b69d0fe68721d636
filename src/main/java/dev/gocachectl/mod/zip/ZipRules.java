package dev.gocachectl.mod.zip;

import dev.gocachectl.mod.CaseFold;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.PathRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The module zip rules, as Go's {@code zip.CheckZip} applies them to a downloaded zip (and as the
 * checksum database applies them before it records a version: a zip breaking them is why a sumdb
 * lookup answers 410).
 *
 * <ul>
 *   <li>At most {@value #MAX_ZIP_FILE} bytes of zip, and as much declared uncompressed content.
 *   <li>Every name starts with {@code path@version/}; the rest is a clean ({@code path.Clean}) file
 *       path that {@link PathRules#checkFilePath} accepts (directory entries end in {@code /}).
 *   <li>No two names equal under Go's case folding ({@link CaseFold}), no name both a file and a
 *       directory, no file twice.
 *   <li>A file named {@code go.mod} in any case is exactly {@code go.mod}, at the root, at most
 *       {@value #MAX_GO_MOD} bytes; a root {@code LICENSE} at most {@value #MAX_LICENSE} bytes.
 * </ul>
 *
 * Contents are not read (a declared size that lies is caught when the zip is hashed).
 */
public final class ZipRules {
  public static final long MAX_ZIP_FILE = 500L << 20;
  public static final long MAX_GO_MOD = 16L << 20;
  public static final long MAX_LICENSE = 16L << 20;

  /** One rule an entry breaks, with Go's wording. */
  public record Violation(String name, String reason) {
    @Override
    public String toString() {
      return name + ": " + reason;
    }
  }

  private ZipRules() {}

  /** Every rule the zip of {@code m} breaks (empty when it is a valid module zip). */
  public static List<Violation> check(ModuleVersion m, long zipSize, List<ZipEntryInfo> entries) {
    List<Violation> out = new ArrayList<>();
    if (zipSize > MAX_ZIP_FILE) {
      out.add(
          new Violation(
              "",
              "module zip file is too large ("
                  + zipSize
                  + " bytes; limit is "
                  + MAX_ZIP_FILE
                  + " bytes)"));
    }
    String prefix = m.zipPrefix();
    Map<String, Seen> seen = new HashMap<>();
    long size = 0;
    boolean sizeReported = false;
    for (ZipEntryInfo e : entries) {
      String full = e.name();
      Optional<String> bad = checkName(e, prefix, seen);
      if (bad.isPresent()) {
        out.add(new Violation(full, bad.get()));
        continue;
      }
      String name = full.substring(prefix.length());
      if (name.isEmpty() || e.isDirectory()) {
        continue;
      }
      long sz = e.uncompressedSize();
      if (sz >= 0 && MAX_ZIP_FILE - size >= sz) {
        size += sz;
      } else if (!sizeReported) {
        sizeReported = true;
        out.add(
            new Violation(
                "",
                "total uncompressed size of module contents too large (max size is "
                    + MAX_ZIP_FILE
                    + " bytes)"));
      }
      if (name.equals("go.mod") && sz > MAX_GO_MOD) {
        out.add(
            new Violation(full, "go.mod file too large (max size is " + MAX_GO_MOD + " bytes)"));
      } else if (name.equals("LICENSE") && sz > MAX_LICENSE) {
        out.add(
            new Violation(full, "LICENSE file too large (max size is " + MAX_LICENSE + " bytes)"));
      }
    }
    return out;
  }

  private record Seen(String path, boolean dir) {}

  private static Optional<String> checkName(ZipEntryInfo e, String prefix, Map<String, Seen> seen) {
    if (!PathRules.isUtf8(e.rawName())) {
      return Optional.of("malformed file path: invalid UTF-8");
    }
    String full = e.name();
    if (!full.startsWith(prefix)) {
      return Optional.of("path does not have prefix \"" + prefix + "\"");
    }
    String name = full.substring(prefix.length());
    if (name.isEmpty()) {
      return Optional.empty();
    }
    boolean dir = name.endsWith("/");
    if (dir) {
      name = name.substring(0, name.length() - 1);
    }
    if (!CleanPath.isClean(name)) {
      return Optional.of("file path is not clean");
    }
    Optional<String> bad = PathRules.checkFilePath(name);
    if (bad.isPresent()) {
      return Optional.of("malformed file path \"" + name + "\": " + bad.get());
    }
    Optional<String> collision = collide(seen, name, dir);
    if (collision.isPresent() || dir) {
      return collision;
    }
    String base = name.substring(name.lastIndexOf('/') + 1);
    if (CaseFold.equalFold(base, "go.mod")) {
      if (!base.equals(name)) {
        return Optional.of("go.mod file not in module root directory");
      }
      if (!name.equals("go.mod")) {
        return Optional.of("go.mod files must have lowercase names");
      }
    }
    return Optional.empty();
  }

  /** Go's {@code collisionChecker.check}: registers the path and each parent directory. */
  private static Optional<String> collide(Map<String, Seen> seen, String p, boolean dir) {
    String fold = CaseFold.fold(p);
    Seen other = seen.get(fold);
    if (other != null) {
      if (!other.path().equals(p)) {
        return Optional.of(
            "case-insensitive file name collision: \"" + other.path() + "\" and \"" + p + "\"");
      }
      if (other.dir() != dir) {
        return Optional.of("entry \"" + p + "\" is both a file and a directory");
      }
      if (!dir) {
        return Optional.of("multiple entries for file \"" + p + "\"");
      }
    } else {
      seen.put(fold, new Seen(p, dir));
    }
    int slash = p.lastIndexOf('/');
    return slash < 0 ? Optional.empty() : collide(seen, p.substring(0, slash), true);
  }
}
