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
    jobs = cappedJobs(spec.commandLine(), jobs, ctx);
    return CacheDir.open(CacheLocation.resolve(Optional.ofNullable(cache), ctx.env()));
  }

  /**
   * {@code --jobs} checked and capped: each job is a platform thread with its own buffers, and
   * beyond a few per core they only queue for the disk and the cores (--jobs 100000 ran the JVM out
   * of native threads, and it then hung, deaf to SIGTERM). The cap is said on stderr.
   */
  static int cappedJobs(CommandLine cl, int requested, Context ctx) {
    if (requested < 1) {
      throw new CommandLine.ParameterException(cl, "--jobs must be at least 1, found " + requested);
    }
    int cap = maxJobs();
    if (requested > cap) {
      ctx.err()
          .println(
              "gocachectl: --jobs "
                  + requested
                  + " capped at "
                  + cap
                  + " (4 threads per core, at least 16: more would only queue)");
      return cap;
    }
    return requested;
  }

  /** The most jobs a command runs. */
  static int maxJobs() {
    return Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
  }
}
