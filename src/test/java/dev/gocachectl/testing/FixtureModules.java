package dev.gocachectl.testing;

import dev.gocachectl.mod.ModuleVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The modules the fixture proxy serves, and a consumer module that requires them. They cover the
 * cases the module protocols treat specially: an upper case path (escaped as {@code !x}), a {@code
 * /v2} major suffix, a {@code +incompatible} version without go.mod (synthesized {@code .mod}), two
 * versions of one module (a version list), a non-ASCII file name, and a zip with directory entries
 * (golang/go#53448).
 */
public final class FixtureModules {
  public static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  private FixtureModules() {}

  /** Every fixture module version. */
  public static List<FixtureVersion> all() {
    List<FixtureVersion> out = new ArrayList<>();
    out.add(pkg("example.com/alpha", "v1.0.0", "alpha", "1", List.of(), Map.of(), T0));
    out.add(
        pkg(
            "example.com/alpha",
            "v1.1.0",
            "alpha",
            "2",
            List.of(),
            Map.of("testdata/na\u00efve-donn\u00e9es.txt", "caf\u00e9\n", "LICENSE", "MIT\n"),
            T0.plusSeconds(3600)));
    out.add(pkg("example.com/Upper/beta", "v1.2.0", "beta", "3", List.of(), Map.of(), T0));
    out.add(pkg("example.com/delta/v2", "v2.1.0", "delta", "4", List.of(), Map.of(), T0));
    FixtureVersion gamma =
        new FixtureVersion(
            version("example.com/gamma", "v2.0.0+incompatible"),
            Map.of("gamma.go", "package gamma\n\n// V is a version.\nconst V = 5\n"),
            T0,
            List.of());
    out.add(gamma);
    out.add(
        pkg(
            "example.com/dirs",
            "v1.0.0",
            "dirs",
            "6",
            List.of("sub/"),
            Map.of("sub/x.txt", "x\n"),
            T0));
    return out;
  }

  /** The fixture version of {@code path@version}. */
  public static FixtureVersion get(String pathAtVersion) {
    return all().stream()
        .filter(v -> v.module().toString().equals(pathAtVersion))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(pathAtVersion));
  }

  static ModuleVersion version(String path, String v) {
    return ModuleVersion.parse(path, v).orElseThrow();
  }

  private static FixtureVersion pkg(
      String path,
      String v,
      String name,
      String value,
      List<String> dirs,
      Map<String, String> extra,
      Instant t) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("go.mod", "module " + path + "\n\ngo 1.21\n");
    files.put(
        name + ".go", "package " + name + "\n\n// V is a version.\nconst V = " + value + "\n");
    files.putAll(extra);
    return new FixtureVersion(version(path, v), files, t, dirs);
  }

  /**
   * Writes a module at {@code dir} that requires and imports the given versions (go.sum is left to
   * go).
   */
  public static Path consumer(Path dir, List<FixtureVersion> deps) {
    StringBuilder mod = new StringBuilder("module example.com/consumer\n\ngo 1.21\n\nrequire (\n");
    StringBuilder imports = new StringBuilder();
    StringBuilder uses = new StringBuilder();
    int i = 0;
    for (FixtureVersion d : deps) {
      mod.append("\t")
          .append(d.module().path())
          .append(' ')
          .append(d.module().version())
          .append('\n');
      imports.append("\tp").append(i).append(" \"").append(d.module().path()).append("\"\n");
      uses.append("\t_ = p").append(i).append(".V\n");
      i++;
    }
    mod.append(")\n");
    String main = "package main\n\nimport (\n" + imports + ")\n\nfunc main() {\n" + uses + "}\n";
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("go.mod"), mod);
      Files.writeString(dir.resolve("main.go"), main);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }
}
