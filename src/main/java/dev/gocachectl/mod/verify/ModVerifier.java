package dev.gocachectl.mod.verify;

import dev.gocachectl.mod.CachedVersion;
import dev.gocachectl.mod.GoSum;
import dev.gocachectl.mod.MainModule;
import dev.gocachectl.mod.ModCache;
import dev.gocachectl.mod.ModCacheScan;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.verify.VerifyProgress;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Verifies a module cache: every module version in it, or the ones a module's go.sum lists. Module
 * versions are checked in parallel, largest zip first. Only reads.
 */
public final class ModVerifier {
  private final ModVerifyOptions options;
  private final Clock clock;

  public ModVerifier(ModVerifyOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
  }

  /**
   * Verifies.
   *
   * @param cache the module cache
   * @param main the module whose go.sum to check, or empty for the whole cache
   */
  public ModVerifyReport verify(ModCache cache, Optional<MainModule> main, VerifyProgress progress)
      throws IOException {
    long t0 = System.nanoTime();
    List<ModFinding> findings = new ArrayList<>();
    Map<ModuleVersion, List<Expectations.SumLine>> lines = new TreeMap<>();
    main.ifPresent(mm -> findings.addAll(GoSumFindings.of(mm, lines)));
    List<CachedVersion> versions = new ArrayList<>();
    int notDownloaded = 0;
    if (main.isPresent()) {
      for (ModuleVersion m : lines.keySet()) {
        CachedVersion cv = ModCacheScan.look(cache, m);
        if (cv.files().isEmpty() && !cv.extracted() && cv.leftovers().isEmpty()) {
          notDownloaded++;
        } else {
          versions.add(cv);
        }
      }
    } else {
      versions.addAll(ModCacheScan.scan(cache));
    }
    versions.sort(Comparator.comparingLong(CachedVersion::zipSize).reversed());
    List<VersionJob> jobs = new ArrayList<>();
    LeftoverCheck leftovers = new LeftoverCheck(clock.instant(), options.settle());
    ZipVerdicts verdicts =
        options.verdicts() == null
            ? ZipVerdicts.none()
            : ZipVerdicts.open(options.verdicts(), !options.rehash());
    for (CachedVersion cv : versions) {
      Expectations exp =
          new Expectations(
              lines.getOrDefault(cv.module(), List.of()),
              LookupFiles.read(cache, options.sumdbName(), cv.module()));
      jobs.add(new VersionJob(new VersionCheck(cache, cv, exp, leftovers), cv.zipSize()));
    }
    ParallelChecks.Outcome done = ParallelChecks.run(jobs, options.jobs(), verdicts, progress);
    verdicts.save();
    findings.addAll(done.findings());
    findings.sort(ORDER);
    int zips = (int) versions.stream().filter(v -> v.has(ModCache.FileKind.ZIP)).count();
    int trees = (int) versions.stream().filter(CachedVersion::extracted).count();
    return new ModVerifyReport(
        cache.root(),
        main.map(MainModule::dir).orElse(null),
        findings,
        versions.size(),
        zips,
        trees,
        done.bytes(),
        done.zipsReused(),
        notDownloaded,
        Duration.ofNanos(System.nanoTime() - t0));
  }

  /** A check and its weight for the progress bar (the zip's size). */
  record VersionJob(VersionCheck check, long weight) {}

  static final Comparator<ModFinding> ORDER =
      Comparator.comparing((ModFinding f) -> !f.kind().isProblem())
          .thenComparing(ModFinding::kind)
          .thenComparing(f -> f.module() == null ? "" : f.module().toString())
          .thenComparing(f -> f.path().toString());

  /** Groups go.sum lines by module version (helper of {@link #verify}). */
  static void index(GoSum sum, Map<ModuleVersion, List<Expectations.SumLine>> into) {
    for (GoSum.Line l : sum.lines()) {
      l.module()
          .ifPresent(
              m ->
                  into.computeIfAbsent(m, k -> new ArrayList<>())
                      .add(new Expectations.SumLine(sum.file(), l)));
    }
  }
}
