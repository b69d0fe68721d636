package dev.gocachectl.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What defeats go's test result cache on a CI runner (D17). go keys a test result by the size, mode
 * and mtime of every file the test opened and the value of every variable it read ({@code
 * cmd/go/internal/test/test.go} {@code hashOpen}, {@code hashWriteStat}, {@code
 * computeTestInputsID}); a fresh git checkout sets every file's mtime to the checkout time
 * (golang/go#58571).
 *
 * <p>Heuristics, bounded (the first {@value RepoFiles#LIMIT} files of the checkout): on a CI
 * runner, files under a {@code testdata} directory modified within the last day are taken for a
 * fresh checkout's; a {@code _test.go} file calling {@code os.Getenv} or {@code os.LookupEnv} with
 * a CI's per-job variable (a run ID, a commit) that is set in this job is a test whose result
 * changes key every job. On a plain machine neither is reported: files keep their mtimes there.
 */
final class TestCacheCheck implements Check {
  private static final Pattern GETENV =
      Pattern.compile("os\\.(?:Getenv|LookupEnv)\\(\\s*\"([A-Za-z_][A-Za-z0-9_]*)\"\\s*\\)");

  @Override
  public List<Finding> check(RunnerFacts f) throws IOException {
    List<Finding> out = new ArrayList<>();
    if (f.ci() == CiKind.NONE || f.moduleRoot().isEmpty()) {
      return out;
    }
    Path root = f.moduleRoot().get();
    long fresh = f.now().minus(Duration.ofDays(1)).toEpochMilli();
    List<Path> testdata = new ArrayList<>();
    List<Path> tests = new ArrayList<>();
    RepoFiles.find(
        root,
        (p, a) -> {
          String name = p.getFileName().toString();
          if (name.endsWith("_test.go")) {
            tests.add(p);
          } else if (underTestdata(root, p) && a.lastModifiedTime().toMillis() >= fresh) {
            testdata.add(p);
          }
          return false;
        });
    if (!testdata.isEmpty()) {
      out.add(
          new Finding(
              FindingId.TESTDATA_CHECKOUT_MTIME,
              Severity.MISSES_CACHE,
              testdata.size()
                  + " file(s) under testdata/ modified within the last day on "
                  + f.ci().title()
                  + ", e.g. "
                  + root.relativize(testdata.getFirst()),
              "go keys a test result by the mtime of every file the test opens, and a fresh"
                  + " checkout gives them the checkout time: those tests run again in every job.",
              "after checkout, set each file's mtime to its last commit's time (for example"
                  + " `git ls-files -z | xargs -0 touch -d @$(git log -1 --format=%ct)`)",
              "a stale mtime hides a changed file from go's test cache only if its size also"
                  + " stays the same; use the last commit of each file to be exact"));
    }
    Set<String> perJob = new HashSet<>(CiKind.allPerJobVariables());
    for (Path t : tests) {
      if (Files.size(t) > 1 << 20) {
        continue;
      }
      Matcher m = GETENV.matcher(new String(Files.readAllBytes(t), StandardCharsets.UTF_8));
      while (m.find()) {
        String v = m.group(1);
        if (perJob.contains(v) && f.setInEnv(v)) {
          out.add(
              new Finding(
                  FindingId.TEST_READS_JOB_VARIABLE,
                  Severity.MISSES_CACHE,
                  root.relativize(t) + " reads $" + v + " (" + f.raw(v) + " in this job)",
                  "go keys the test result by the value of every variable the test reads: this"
                      + " package's tests run again in every job.",
                  "do not read per-job variables in tests (pass such values through a flag or"
                      + " a file written only when needed)",
                  "none"));
          break;
        }
      }
    }
    return out;
  }

  private static boolean underTestdata(Path root, Path p) {
    for (Path e : root.relativize(p)) {
      if (e.toString().equals("testdata")) {
        return true;
      }
    }
    return false;
  }
}
