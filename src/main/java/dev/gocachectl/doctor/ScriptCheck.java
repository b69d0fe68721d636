package dev.gocachectl.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The repository's own scripts (D19, D17): {@code go clean -cache}, {@code -modcache}, {@code
 * -testcache} or {@code -fuzzcache} wipe what the cache holds; {@code -count} on a {@code go test}
 * line turns the test result cache off. Looked for in Makefiles, shell scripts, CI files
 * (.github/workflows, .gitlab-ci.yml, Jenkinsfile, .buildkite, .circleci), Dockerfiles, Taskfiles
 * and justfiles of the checkout (the bounded walk of {@link RepoFiles}); comment lines are skipped.
 */
final class ScriptCheck implements Check {
  private static final Pattern CLEAN =
      Pattern.compile("\\bgo\\s+clean\\b[^\\n;&|]*\\s-(cache|modcache|testcache|fuzzcache)\\b");
  private static final Pattern COUNT =
      Pattern.compile("\\bgo\\s+test\\b[^\\n;&|]*\\s--?count(=|\\s+)\\d+");

  @Override
  public List<Finding> check(RunnerFacts f) throws IOException {
    List<Finding> out = new ArrayList<>();
    Path root = f.gitRoot().or(f::moduleRoot).orElse(f.workDir());
    for (Path p : RepoFiles.find(root, (file, a) -> isScript(root, file) && a.size() < 1 << 20)) {
      String[] lines = new String(Files.readAllBytes(p), StandardCharsets.UTF_8).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.startsWith("#") || line.startsWith("//")) {
          continue;
        }
        String where = root.relativize(p) + ":" + (i + 1) + ": " + clip(line);
        if (CLEAN.matcher(line).find()) {
          out.add(
              new Finding(
                  FindingId.SCRIPT_CLEANS_CACHE,
                  Severity.MISSES_CACHE,
                  where,
                  "the next build after this line starts from an empty cache.",
                  "remove it; to bound the cache use gocachectl trim --max-size, which keeps"
                      + " what was used recently",
                  "none: go rebuilds any entry that is wrong, and gocachectl repair removes"
                      + " only damaged ones"));
        }
        if (COUNT.matcher(line).find()) {
          out.add(
              new Finding(
                  FindingId.TEST_COUNT_1,
                  Severity.MISSES_CACHE,
                  where,
                  "go test caches no result when -count is given: every test runs every time.",
                  "drop -count, or keep it only for the tests with inputs go cannot see",
                  "tests that read the network or a database need -count=1 where they run"));
        }
      }
    }
    return out;
  }

  static boolean isScript(Path root, Path file) {
    String name = file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    String rel = root.relativize(file).toString().replace('\\', '/');
    return lower.equals("makefile")
        || lower.equals("gnumakefile")
        || lower.endsWith(".mk")
        || lower.endsWith(".sh")
        || lower.endsWith(".bash")
        || name.equals("Jenkinsfile")
        || name.equals(".gitlab-ci.yml")
        || lower.startsWith("dockerfile")
        || lower.endsWith(".dockerfile")
        || lower.startsWith("taskfile.")
        || lower.equals("justfile")
        || ((rel.startsWith(".github/workflows/")
                || rel.startsWith(".buildkite/")
                || rel.startsWith(".circleci/")
                || rel.startsWith(".gitlab/"))
            && (lower.endsWith(".yml") || lower.endsWith(".yaml")));
  }

  private static String clip(String s) {
    return s.length() <= 160 ? s : s.substring(0, 157) + "...";
  }
}
