package dev.gocachectl.ci;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .gitlab-ci.yml}.
 *
 * <p>GitLab caches only paths inside the project directory ("can't link to files outside it",
 * docs.gitlab.com/ci/caching), so GOPATH, GOMODCACHE and GOCACHE live under {@code
 * $CI_PROJECT_DIR}. Two caches: the module cache keyed by go.sum ({@code key:files}, at most two
 * files), the build cache keyed by OS, arch and Go version only: GitLab's fallback keys are exact
 * keys, not prefixes, and its keys can be overwritten, so one key refreshed by every default-branch
 * job stays warm across go.sum changes. Only the default branch pushes ({@code policy} from a
 * rule's variable); before the push, {@code trim --unused-since $CI_JOB_STARTED_AT}.
 */
final class GitlabPipeline {
  private GitlabPipeline() {}

  static String render(CiRequest r) {
    Yaml y = new Yaml();
    ModuleLayout l = r.layout();
    Render.header(
        y,
        r,
        "GOCACHEPROG (gocachectl prog) with remote tiers; the module cache in GitLab's cache.",
        "GitLab's cache for GOCACHE and GOMODCACHE.");
    y.comment(
        "Tools that walk the tree (gofmt, linters) see .go/ and .go-build/: exclude them there.");
    y.line("variables:");
    Render.keySettings(y, "  ");
    y.comment(
        "  ",
        "GitLab caches only paths inside the project directory: the caches live there. Runners'"
            + " build directories differ per runner and concurrency slot, hence -trimpath.");
    y.line("  GOPATH: \"$CI_PROJECT_DIR/.go\"");
    y.line("  GOMODCACHE: \"$CI_PROJECT_DIR/.go/pkg/mod\"");
    y.line("  GOCACHE: \"$CI_PROJECT_DIR/.go-build\"");
    if (r.prog()) {
      y.line("  GOCACHECTL_PROG_DIR: \"$CI_PROJECT_DIR/.gocachectl-prog\"");
    }
    if (r.archive().isPresent()) {
      y.line("  GOCACHECTL_ARCHIVE_URL: " + r.archive().get());
    } else {
      y.comment(
          "  ",
          "GOCACHECTL_ARCHIVE_URL: where gocachectl's release archive is, a CI/CD variable you set.");
    }
    y.comment("  ", "Keys must not mix architectures: set this to your runners' (amd64, arm64).");
    y.line("  GO_CACHE_ARCH: amd64");
    y.comment("  ", "Pull only; the default branch's rule below makes it pull-push.");
    y.line("  GO_CACHE_POLICY: pull");
    y.line("go:");
    y.comment(
        "  ", "A pinned image: the Go version and the C compiler in it are part of every key.");
    y.line("  image: golang:" + l.goVersion());
    y.line("  rules:");
    y.line("    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH");
    y.line("      variables:");
    y.line("        GO_CACHE_POLICY: pull-push");
    y.line("    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"");
    y.line("    - if: $CI_COMMIT_BRANCH");
    y.line("  cache:");
    y.comment("    ", "The module cache changes only with go.sum.");
    y.line("    - key:");
    List<String> sums = sumFiles(l);
    y.line("        files: [" + String.join(", ", sums) + "]");
    y.line("        prefix: gomod-$GO_CACHE_ARCH");
    y.line("      paths: [.go/pkg/mod]");
    y.line("      policy: $GO_CACHE_POLICY");
    if (!r.prog()) {
      y.line("    - key: gobuild-linux-$GO_CACHE_ARCH-go" + l.goVersion());
      y.line("      paths: [.go-build]");
      y.line("      policy: $GO_CACHE_POLICY");
    }
    if (r.prog()) {
      y.comment(
          "  ",
          "Secrets: CI/CD variables, masked; GOCACHECTL_SIGN_KEY protected, so jobs"
              + " for unprotected branches and forks' merge requests only read.");
    }
    y.line("  before_script:");
    for (String s : ShellLines.install("/opt/gocachectl")) {
      y.line("    - " + yamlSafe(s));
    }
    y.line("    - export PATH=\"/opt/gocachectl:/opt/gocachectl/bin:$PATH\"");
    y.line("    - export GOCACHECTL_JOB_START=\"$CI_JOB_STARTED_AT\"");
    if (!r.prog()) {
      y.comment(
          "    ",
          "The restored trim.txt is the saving job's: go would trim by the restored (old) mtimes"
              + " before this job's later commands use them.");
      y.line("    - " + yamlSafe(ShellLines.stampTrim()));
    } else {
      for (String s : ShellLines.progFlags(r, "$CI_PROJECT_DIR/.gocachectl-sign.key")) {
        y.line("    - " + yamlSafe(s.strip()));
      }
      y.line("    - GOCACHEPROG=\"$(command -v gocachectl) prog $flags\"");
      y.line("    - export GOCACHEPROG");
    }
    y.line("    - " + yamlSafe(ShellLines.doctor()));
    y.line("  script:");
    for (GoModule m : l.modules()) {
      for (String s : ShellLines.buildAndTest(m)) {
        y.line("    - " + yamlSafe(s));
      }
    }
    if (!r.prog()) {
      y.comment(
          "    ",
          "Before the default branch saves: keep what this job used (an hour's allowance for"
              + " go's hourly mtime refresh) and remove what go would reject.");
      y.line("    - |");
      y.line("      if [ \"$GO_CACHE_POLICY\" = pull-push ]; then");
      for (String s : ShellLines.trimAndVerify()) {
        y.line("        " + s);
      }
      y.line("      fi");
    }
    if (r.serve().isPresent()) {
      y.line("  after_script:");
      y.comment("    ", "What prog could not send during the build, even after a failure.");
      y.line("    - " + yamlSafe(ShellLines.reportPush(r.serve().get())));
    }
    return y.text();
  }

  private static List<String> sumFiles(ModuleLayout l) {
    List<String> out = new ArrayList<>();
    if (l.workspace()) {
      out.add("go.work.sum");
    }
    for (GoModule m : l.modules()) {
      out.add(m.dir().equals(".") ? "go.sum" : m.dir() + "/go.sum");
    }
    return out.subList(0, Math.min(2, out.size()));
  }

  /** A script line as a YAML scalar: single-quoted when YAML would read it otherwise. */
  static String yamlSafe(String s) {
    boolean plain =
        !s.contains(": ") && !s.contains(" #") && "-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) < 0;
    return plain ? s : "'" + s.replace("'", "''") + "'";
  }
}
