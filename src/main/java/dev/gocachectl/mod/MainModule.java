package dev.gocachectl.mod;

import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The module whose go.sum is checked ({@code MODULE_DIR}): its go.sum (next to the {@code -modfile}
 * from GOFLAGS when one is set), the {@code go.work.sum} of a workspace rooted there, and the
 * module versions whose go.mod hash go needs to load the module graph: every requirement of go.mod
 * after {@code replace} directives (a requirement replaced by a directory needs none). The
 * requirements come from {@code go mod edit -json}, so go parses go.mod.
 *
 * @param dir the module directory
 * @param sums go.sum, then go.work.sum if present
 * @param goModNeeded the versions whose {@code /go.mod} line go.sum must hold
 */
public record MainModule(Path dir, List<GoSum> sums, List<ModuleVersion> goModNeeded) {
  public MainModule {
    sums = List.copyOf(sums);
    goModNeeded = List.copyOf(goModNeeded);
  }

  /**
   * Reads the module at {@code dir}.
   *
   * @throws IOException when there is no go.mod, go is missing or {@code go mod edit} fails
   */
  public static MainModule read(Path dir, Map<String, String> env, GoFlags flags)
      throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    Path goMod = flags.value("modfile").map(abs::resolve).orElse(abs.resolve("go.mod"));
    if (!Files.isRegularFile(goMod)) {
      throw new IOException(
          goMod + ": no go.mod here; pass the directory of a module (MODULE_DIR) or none");
    }
    String modName = goMod.getFileName().toString();
    String sumName =
        (modName.endsWith(".mod") ? modName.substring(0, modName.length() - 4) : modName) + ".sum";
    List<GoSum> sums = new ArrayList<>();
    sums.add(GoSum.read(goMod.resolveSibling(sumName)));
    if (Files.isRegularFile(abs.resolve("go.work.sum"))) {
      sums.add(GoSum.read(abs.resolve("go.work.sum")));
    }
    GoTool go = GoTool.require(env);
    GoTool.Result r = go.run(abs, List.of("mod", "edit", "-json"));
    if (!r.ok()) {
      throw new IOException("go mod edit -json in " + abs + " failed: " + r.stderr().strip());
    }
    return new MainModule(abs, sums, needed(JsonTree.parse(r.stdout())));
  }

  /** The requirements after replacements, from {@code go mod edit -json} output. */
  static List<ModuleVersion> needed(Object json) {
    List<ModuleVersion> out = new ArrayList<>();
    for (Object req : JsonTree.list(json, "Require")) {
      String path = JsonTree.string(req, "Path");
      String version = JsonTree.string(req, "Version");
      Optional<Object> rep = replacement(json, path, version);
      if (rep.isPresent()) {
        path = JsonTree.string(JsonTree.field(rep.get(), "New"), "Path");
        version = JsonTree.string(JsonTree.field(rep.get(), "New"), "Version");
        if (version.isEmpty()) {
          continue;
        }
      }
      ModuleVersion.parse(path, version).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<Object> replacement(Object json, String path, String version) {
    Object any = null;
    for (Object rep : JsonTree.list(json, "Replace")) {
      Object old = JsonTree.field(rep, "Old");
      if (!JsonTree.string(old, "Path").equals(path)) {
        continue;
      }
      String v = JsonTree.string(old, "Version");
      if (v.equals(version)) {
        return Optional.of(rep);
      }
      if (v.isEmpty()) {
        any = rep;
      }
    }
    return Optional.ofNullable(any);
  }
}
