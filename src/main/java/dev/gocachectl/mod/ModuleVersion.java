package dev.gocachectl.mod;

import java.util.Comparator;
import java.util.Optional;

/**
 * A module at one version, {@code path@version}: what GOMODCACHE stores, go.sum lists and a GOPROXY
 * serves. The version is canonical (Go's {@code module.CanonicalVersion}) and agrees with the
 * path's major version ({@code module.Check}): {@code /v2} paths have {@code v2.x.y} versions,
 * paths without a suffix {@code v0}, {@code v1} or {@code +incompatible} ones.
 *
 * <p>Escaped forms ({@link #escapedVersion()}): upper case letters in versions escape like paths.
 *
 * @param path the module path
 * @param version the canonical version
 */
public record ModuleVersion(ModulePath path, String version) implements Comparable<ModuleVersion> {
  /** Sorts by path, then by semantic version (Go's {@code module.Sort}). */
  public static final Comparator<ModuleVersion> ORDER =
      Comparator.comparing(ModuleVersion::path)
          .thenComparing(ModuleVersion::version, SemVer.ORDER)
          .thenComparing(ModuleVersion::version);

  public ModuleVersion {
    Optional<String> bad = check(path.value(), version);
    if (bad.isPresent()) {
      throw new IllegalArgumentException(bad.get());
    }
  }

  /** Parses {@code path} and {@code version}, or empty if Go would reject either. */
  public static Optional<ModuleVersion> parse(String path, String version) {
    return ModulePath.parse(path)
        .filter(p -> check(path, version).isEmpty())
        .map(p -> new ModuleVersion(p, version));
  }

  /** Parses {@code path@version}. */
  public static Optional<ModuleVersion> parse(String pathAtVersion) {
    int at = pathAtVersion.lastIndexOf('@');
    return at < 0
        ? Optional.empty()
        : parse(pathAtVersion.substring(0, at), pathAtVersion.substring(at + 1));
  }

  /** Decodes escaped path and version (GOMODCACHE names), or empty if either is invalid. */
  public static Optional<ModuleVersion> unescape(String escapedPath, String escapedVersion) {
    return ModulePath.unescapeString(escapedVersion)
        .flatMap(v -> ModulePath.unescape(escapedPath).flatMap(p -> parse(p.value(), v)));
  }

  /** Go's reason to reject the pair, if any ({@code module.Check} plus canonical form). */
  public static Optional<String> check(String path, String version) {
    String canonical = SemVer.canonicalModuleVersion(version);
    if (canonical.isEmpty()) {
      return Optional.of(path + "@" + version + ": invalid version: not a semantic version");
    }
    if (!canonical.equals(version)) {
      return Optional.of(
          "version \"" + version + "\" is not canonical (should be \"" + canonical + "\")");
    }
    Optional<String> major = ModulePath.splitMajor(path);
    if (major.isEmpty()) {
      return Optional.of("malformed module path \"" + path + "\": invalid version");
    }
    return checkMajor(path, version, major.get());
  }

  private static Optional<String> checkMajor(String path, String version, String pathMajor) {
    String pm = pathMajor;
    if (pm.startsWith(".v") && pm.endsWith("-unstable")) {
      pm = pm.substring(0, pm.length() - "-unstable".length());
    }
    if (version.startsWith("v0.0.0-") && pm.equals(".v1")) {
      return Optional.empty();
    }
    SemVer v = SemVer.parse(version).orElseThrow();
    String m = v.majorPrefix();
    String want;
    if (pm.isEmpty()) {
      if (m.equals("v0") || m.equals("v1") || v.build().equals("+incompatible")) {
        return Optional.empty();
      }
      want = "v0 or v1";
    } else {
      if (m.equals(pm.substring(1))) {
        return Optional.empty();
      }
      want = pm.substring(1);
    }
    return Optional.of(
        path + "@" + version + ": invalid version: should be " + want + ", not " + m);
  }

  /** The escaped path. */
  public String escapedPath() {
    return path.escaped();
  }

  /** The escaped version. */
  public String escapedVersion() {
    return ModulePath.escapeString(version);
  }

  /** {@code path@version/}: the prefix of every name in the module's zip. */
  public String zipPrefix() {
    return this + "/";
  }

  @Override
  public int compareTo(ModuleVersion o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return path.value() + "@" + version;
  }
}
