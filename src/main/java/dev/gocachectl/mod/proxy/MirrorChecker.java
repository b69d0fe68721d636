package dev.gocachectl.mod.proxy;

import dev.gocachectl.failure.Failure;
import dev.gocachectl.mod.HttpFetcher;
import dev.gocachectl.mod.ModulePath;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.PrefixPatterns;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Asks every mirror about every module version (in parallel), compares the answers and replays a
 * GOPROXY list on them.
 */
public final class MirrorChecker {
  private final HttpFetcher http;
  private final Clock clock;
  private final int parallel;

  public MirrorChecker(HttpFetcher http, Clock clock, int parallel) {
    this.http = http;
    this.clock = clock;
    this.parallel = parallel;
  }

  /**
   * Checks.
   *
   * @param mirrors the mirrors to compare
   * @param goproxy the GOPROXY list to replay (its proxies are asked too)
   * @param modules the module versions
   * @param refs the reference hashes per module version (absent: compare mirrors with each other)
   */
  public MirrorReport check(
      List<String> mirrors,
      ProxyList goproxy,
      PrefixPatterns gonoproxy,
      List<ModuleVersion> modules,
      Function<ModuleVersion, Reference> refs)
      throws IOException {
    long t0 = System.nanoTime();
    Set<String> all = new LinkedHashSet<>(mirrors);
    all.addAll(goproxy.proxies());
    MirrorProber prober = new MirrorProber(http);
    Set<ModulePath> paths = new LinkedHashSet<>();
    modules.forEach(m -> paths.add(m.path()));
    List<MirrorProber.ListProbe> lists = new ArrayList<>();
    List<VersionProbe> probes = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
    try {
      List<Future<MirrorProber.ListProbe>> lf = new ArrayList<>();
      List<Future<VersionProbe>> vf = new ArrayList<>();
      for (String mirror : all) {
        paths.forEach(p -> lf.add(pool.submit(() -> prober.list(mirror, p))));
        modules.forEach(m -> vf.add(pool.submit(() -> prober.version(mirror, m))));
      }
      for (Future<MirrorProber.ListProbe> f : lf) {
        lists.add(join(f));
      }
      for (Future<VersionProbe> f : vf) {
        probes.add(join(f));
      }
    } finally {
      pool.shutdownNow();
    }
    List<MirrorFinding> findings = new ArrayList<>();
    for (ModulePath p : paths) {
      findings.addAll(
          ListComparison.lists(
              lists.stream()
                  .filter(l -> l.path().equals(p) && mirrors.contains(l.mirror()))
                  .toList()));
    }
    List<FetchPlan.Plan> plans = new ArrayList<>();
    for (ModuleVersion m : modules) {
      Map<String, VersionProbe> byMirror = new LinkedHashMap<>();
      probes.stream().filter(v -> v.module().equals(m)).forEach(v -> byMirror.put(v.mirror(), v));
      Map<String, MirrorProber.ListProbe> listOf = new LinkedHashMap<>();
      lists.stream().filter(l -> l.path().equals(m.path())).forEach(l -> listOf.put(l.mirror(), l));
      List<VersionProbe> compared = mirrors.stream().map(byMirror::get).toList();
      findings.addAll(
          MirrorComparison.version(m, compared, listOf, refs.apply(m), clock.instant()));
      plans.add(FetchPlan.of(m, goproxy, gonoproxy, byMirror, refs.apply(m)));
    }
    List<VersionProbe> shown = probes.stream().filter(v -> mirrors.contains(v.mirror())).toList();
    return new MirrorReport(
        mirrors, goproxy.raw(), shown, findings, plans, Duration.ofNanos(System.nanoTime() - t0));
  }

  private static <T> T join(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(Failure.of(e.getCause()).toString(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
