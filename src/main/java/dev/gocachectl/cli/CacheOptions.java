package dev.gocachectl.cli;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every cache command shares. */
final class CacheOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "The build cache (default: $GOCACHE, else `go env GOCACHE`).")
  Path cache;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description = "Threads for walking and hashing (default: the number of cores).")
  int jobs = Runtime.getRuntime().availableProcessors();

  /** Resolves and opens the cache; the directory must exist. */
  CacheDir open(Context ctx) throws IOException {
    if (jobs < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--jobs must be at least 1, found " + jobs);
    }
    return CacheDir.open(CacheLocation.resolve(Optional.ofNullable(cache), ctx.env()));
  }
}
