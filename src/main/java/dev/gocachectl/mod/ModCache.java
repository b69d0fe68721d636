package dev.gocachectl.mod;

import java.nio.file.Path;

/**
 * The layout of a module cache (GOMODCACHE, default {@code $GOPATH/pkg/mod}), as Go's {@code
 * modfetch} writes it. {@code <em>} and {@code <ev>} are the escaped path and version ({@link
 * ModulePath}):
 *
 * <pre>
 * cache/download/&lt;em&gt;/@v/list                 versions with a .mod, semver-sorted, one per line
 *                                          (rewritten in place: an interrupted write leaves NULs)
 * cache/download/&lt;em&gt;/@v/&lt;ev&gt;.info            {"Version":..,"Time":..} (not authenticated)
 * cache/download/&lt;em&gt;/@v/&lt;ev&gt;.mod             the go.mod as served (h1 in go.sum as "v/go.mod")
 * cache/download/&lt;em&gt;/@v/&lt;ev&gt;.zip             the module zip, renamed in after its hash checked
 * cache/download/&lt;em&gt;/@v/&lt;ev&gt;.ziphash         the zip's h1, 47 bytes, no newline
 * cache/download/&lt;em&gt;/@v/&lt;ev&gt;.partial         exists only while the zip is being extracted
 * cache/download/&lt;em&gt;/@v/&lt;ev&gt;.lock            lock file, stays
 * cache/download/&lt;em&gt;/@v/&lt;ev&gt;.zip&lt;rand&gt;.tmp    download in progress (or left by a crash)
 * cache/download/sumdb/&lt;db&gt;/lookup/&lt;em&gt;@&lt;ev&gt;  verified checksum database lookups
 * cache/download/sumdb/&lt;db&gt;/tile/&lt;H&gt;/...       verified tiles (see sumdb.Tile)
 * &lt;em&gt;@&lt;ev&gt;/                                  the extracted tree: files 0444, dirs read-only
 * </pre>
 *
 * An extracted tree counts as complete when it exists, has no {@code .partial} and has a {@code
 * .ziphash}. The last verified tree head of each checksum database is not here but in {@code
 * $GOPATH/pkg/sumdb/<db>/latest}, which {@code go clean -modcache} keeps.
 *
 * @param root the GOMODCACHE directory
 */
public record ModCache(Path root) {
  /** Suffixes of the per-version files in {@code @v}. */
  public enum FileKind {
    INFO(".info"),
    MOD(".mod"),
    ZIP(".zip"),
    ZIPHASH(".ziphash"),
    PARTIAL(".partial"),
    LOCK(".lock");

    private final String suffix;

    FileKind(String suffix) {
      this.suffix = suffix;
    }

    /** {@code .zip}, ... */
    public String suffix() {
      return suffix;
    }
  }

  /** {@code cache/download}: laid out like a GOPROXY ({@code GOPROXY=file://...} serves it). */
  public Path download() {
    return root.resolve("cache").resolve("download");
  }

  /** {@code cache/download/<em>/@v}. */
  public Path versionsDir(ModulePath p) {
    return download().resolve(p.escaped()).resolve("@v");
  }

  /** {@code cache/download/<em>/@v/<ev><suffix>}. */
  public Path file(ModuleVersion m, FileKind kind) {
    return versionsDir(m.path()).resolve(m.escapedVersion() + kind.suffix());
  }

  /** {@code <em>@<ev>}: the extracted tree. */
  public Path extracted(ModuleVersion m) {
    return root.resolve(m.escapedPath() + "@" + m.escapedVersion());
  }

  /** {@code cache/download/sumdb/<db>}: the checksum database's cached lookups and tiles. */
  public Path sumdb(String dbName) {
    return download().resolve("sumdb").resolve(dbName);
  }

  /** The cached lookup of {@code m} in database {@code dbName}. */
  public Path lookup(String dbName, ModuleVersion m) {
    return sumdb(dbName).resolve("lookup").resolve(m.escapedPath() + "@" + m.escapedVersion());
  }
}
