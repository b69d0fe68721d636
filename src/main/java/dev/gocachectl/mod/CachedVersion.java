package dev.gocachectl.mod;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the module cache holds of one module version (see {@link ModCache}).
 *
 * @param module the module version
 * @param files the {@code @v/<ev>.*} files present
 * @param extracted whether the extracted tree {@code <em>@<ev>/} exists
 * @param leftovers temporary files and directories of interrupted downloads ({@code
 *     <ev>.zip<random>.tmp}, {@code <em>@<ev>.tmp-<random>/})
 * @param zipSize the zip's size in bytes, 0 when absent
 */
public record CachedVersion(
    ModuleVersion module,
    Set<ModCache.FileKind> files,
    boolean extracted,
    List<Path> leftovers,
    long zipSize) {
  public CachedVersion {
    files = Set.copyOf(files);
    leftovers = List.copyOf(leftovers);
  }

  /** Whether the file of this kind is present. */
  public boolean has(ModCache.FileKind kind) {
    return files.contains(kind);
  }
}
