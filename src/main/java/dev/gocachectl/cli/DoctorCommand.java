package dev.gocachectl.cli;

import dev.gocachectl.doctor.Doctor;
import dev.gocachectl.doctor.DoctorReport;
import dev.gocachectl.doctor.RunnerSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Looks at this runner before the build and names everything that keeps go from hitting the"
          + " cache, or can lose or poison entries: where the cache is, its file system, owner and"
          + " free space, checkout paths against -trimpath and -buildvcs, cgo and the C compiler,"
          + " toolchain switching, variables go hashes, test-cache defeaters, a restore that go"
          + " will trim, cache wipes in the repository's scripts, and whether GOCACHEPROG speaks"
          + " the protocol.",
      "Each finding has an ID, a severity (breaks-build, misses-cache, loses-or-poisons, slows),"
          + " the evidence, the effect and the fix with its trade-off.",
      "Exit 0: nothing found; 1: findings; 2: doctor could not run."
    })
final class DoctorCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "The checkout the build runs in (default: the current directory).")
  Path dir;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(
      names = "--snapshot",
      paramLabel = "FILE",
      description =
          "Also write the runner's fingerprint (go env, tool versions, the C compiler's line,"
              + " paths, file systems) to FILE as JSON.")
  Path snapshot;

  @Option(
      names = "--budget",
      paramLabel = "SIZE",
      converter = Converters.Size.class,
      description =
          "The size GOCACHE may reach (the CI's cache quota; default on GitHub Actions: 10G).")
  Long budget;

  @Option(
      names = "--min-free",
      paramLabel = "SIZE",
      converter = Converters.Size.class,
      defaultValue = "1GiB",
      description = "Free space below which a cache's disk counts as nearly full (default 1GiB).")
  long minFree;

  @Option(
      names = "--no-prog",
      description = "Do not start GOCACHEPROG (by default doctor runs a put, a get and close).")
  boolean noProg;

  @Option(
      names = "--prog-timeout",
      paramLabel = "DURATION",
      converter = Converters.Duration.class,
      defaultValue = "10s",
      description = "The deadline of each exchange with GOCACHEPROG (default 10s).")
  Duration progTimeout;

  DoctorCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    Path work = dir == null ? Path.of("").toAbsolutePath() : dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(work)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--dir " + dir + ": not a directory; give the checkout to look at");
    }
    if (progTimeout.isZero() || progTimeout.isNegative()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--prog-timeout must be positive (e.g. 10s)");
    }
    if (snapshot != null) {
      RunnerSnapshot.target(snapshot);
    }
    Doctor doctor = new Doctor(minFree, Optional.ofNullable(budget), progTimeout, !noProg);
    DoctorReport r = doctor.examine(ctx.env(), work, ctx.clock());
    if (snapshot != null) {
      RunnerSnapshot.write(r.facts(), snapshot);
    }
    if (json) {
      DoctorOutput.json(r, ctx.out());
    } else {
      DoctorOutput.human(r, ctx.out());
    }
    return r.findings().isEmpty() ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }
}
