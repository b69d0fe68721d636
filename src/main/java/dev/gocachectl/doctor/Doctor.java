package dev.gocachectl.doctor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Looks at one runner and names what keeps its go builds from hitting the cache or poisons it:
 * gathers the facts once ({@link RunnerProbe}), then runs every family of checks, and the
 * GOCACHEPROG conformance run, in parallel.
 *
 * @param minFree free bytes below which a cache's file system counts as nearly full
 * @param budget the bytes GOCACHE may hold, if any
 * @param progTimeout the deadline of each exchange with a cache program
 * @param probeProg whether to start GOCACHEPROG
 */
public record Doctor(long minFree, Optional<Long> budget, Duration progTimeout, boolean probeProg) {

  /** Runs doctor in {@code workDir} with the environment go would see. */
  public DoctorReport examine(Map<String, String> env, Path workDir, Clock clock)
      throws IOException {
    long start = System.nanoTime();
    RunnerFacts facts = RunnerProbe.collect(env, workDir, clock.instant());
    List<Check> checks =
        List.of(
            new CacheLocationCheck(),
            new FileSystemCheck(minFree, budget),
            new CheckoutCheck(),
            new CgoCheck(),
            new ToolchainCheck(),
            new KeyVariablesCheck(),
            new TestCacheCheck(),
            new TrimCheck(),
            new ScriptCheck());
    List<Finding> findings = new ArrayList<>();
    Optional<ProgConformance> prog = Optional.empty();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Optional<ProgConformance>> progRun =
          pool.submit(
              () -> {
                String gcp = facts.go("GOCACHEPROG");
                if (!probeProg || gcp.isEmpty()) {
                  return Optional.<ProgConformance>empty();
                }
                return Optional.of(
                    new CacheProgProbe(progTimeout).run(gcp, facts.env(), facts.workDir()));
              });
      List<Future<List<Finding>>> runs = new ArrayList<>();
      for (Check c : checks) {
        runs.add(pool.submit(() -> c.check(facts)));
      }
      for (Future<List<Finding>> f : runs) {
        findings.addAll(await(f));
      }
      prog = await(progRun);
    }
    if (prog.isPresent()) {
      findings.addAll(prog.get().findings());
      Optional<Path> dir = prog.get().diskPath().map(Path::getParent);
      if (dir.isPresent()) {
        findings.addAll(
            FileSystemCheck.judge(dir.get(), "the GOCACHEPROG directory", facts, minFree));
      }
    }
    findings.sort(Comparator.comparing(Finding::severity));
    return new DoctorReport(
        facts, List.copyOf(findings), prog, (System.nanoTime() - start) / 1_000_000);
  }

  private static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case IOException io -> throw io;
        case UncheckedIOException u -> throw u.getCause();
        case RuntimeException r -> throw r;
        case Error err -> throw err;
        default -> throw new IOException(e.getCause());
      }
    }
  }
}
