package dev.gocachectl.testing;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.DirHash;
import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.ModuleVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One module version the fixture proxy serves: its files (paths inside the module), its go.mod (the
 * root {@code go.mod} file, or for a module without one the synthesized {@code module <path>\n}
 * that proxies serve), its zip (built per the module zip rules: every name {@code
 * path@version/file}, optionally with directory entries, which Go accepts but never extracts) and
 * {@code .info}.
 *
 * @param module the module version
 * @param files content by path inside the module
 * @param time the version's time in {@code .info}
 * @param dirEntries directory entries to add to the zip (module-relative, ending in {@code /})
 */
public record FixtureVersion(
    ModuleVersion module, Map<String, String> files, Instant time, List<String> dirEntries) {
  public FixtureVersion {
    files = new LinkedHashMap<>(files);
    dirEntries = List.copyOf(dirEntries);
  }

  /** The {@code .mod} bytes: the root go.mod, or the synthesized one. */
  public byte[] mod() {
    String gm = files.get("go.mod");
    return (gm != null ? gm : "module " + module.path() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The module zip, deflated. */
  public byte[] zip() {
    return zipBuilder().build();
  }

  /** The module zip with every entry stored: other bytes, same h1. */
  public byte[] storedZip() {
    return zipBuilder().stored().build();
  }

  private ZipBuilder zipBuilder() {
    ZipBuilder z = new ZipBuilder();
    for (String d : dirEntries) {
      z.dir(module.zipPrefix() + d);
    }
    files.forEach((name, content) -> z.file(module.zipPrefix() + name, content));
    return z;
  }

  /** The zip's h1 (what go.sum and the checksum database record). */
  public H1 zipH1() {
    DirHash h = new DirHash();
    for (String d : dirEntries) {
      h.add(module.zipPrefix() + d, Hash.sha256(new byte[0]));
    }
    files.forEach(
        (name, content) ->
            h.add(
                module.zipPrefix() + name, Hash.sha256(content.getBytes(StandardCharsets.UTF_8))));
    return h.sum();
  }

  /** The go.mod's h1. */
  public H1 modH1() {
    return DirHash.goMod(mod());
  }

  /** {@code .info}. */
  public byte[] info() {
    return ("{\"Version\":\"" + module.version() + "\",\"Time\":\"" + time + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The checksum database record: the two go.sum lines. */
  public String record() {
    return module.path()
        + " "
        + module.version()
        + " "
        + zipH1()
        + "\n"
        + module.path()
        + " "
        + module.version()
        + "/go.mod "
        + modH1()
        + "\n";
  }

  /** {@code <escaped path>@<escaped version>}: the sumdb lookup key. */
  public String key() {
    return module.escapedPath() + "@" + module.escapedVersion();
  }
}
