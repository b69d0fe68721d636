package dev.gocachectl.cli;

import dev.gocachectl.mod.MainModule;
import dev.gocachectl.mod.ModEnv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options the mod subcommands share. */
final class ModOptions {
  @Option(
      names = "--modcache",
      paramLabel = "DIR",
      description = "The module cache (default: $GOMODCACHE, else `go env GOMODCACHE`).")
  Path modCache;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  /** The go environment for modules, with {@code --modcache} applied. */
  ModEnv env(Context ctx) throws IOException {
    return ModEnv.resolve(ctx.env(), Optional.ofNullable(modCache));
  }

  /** The module at {@code dir}, or empty when no MODULE_DIR was given. */
  static Optional<MainModule> main(Path dir, Context ctx, ModEnv env) throws IOException {
    return dir == null
        ? Optional.empty()
        : Optional.of(MainModule.read(dir, ctx.env(), env.goflags()));
  }
}
