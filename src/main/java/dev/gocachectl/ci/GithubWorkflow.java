package dev.gocachectl.ci;

import java.util.List;

/**
 * A GitHub Actions workflow ({@code .github/workflows/go.yml}).
 *
 * <p>The CI's own cache: actions/setup-go's cache is turned off, because it restores on an exact
 * key only and never saves again after a hit, so the build cache freezes at the state of the go.mod
 * change that created the key (setup-go #395; partial restore declined in #404). Instead
 * actions/cache/restore and actions/cache/save, with GOMODCACHE and GOCACHE as separate entries
 * (the module cache changes only with go.sum), keys by OS, architecture, Go version and go.sum,
 * restore-keys that fall back to the newest entry of the same prefix, a build-cache key unique per
 * commit (GitHub's keys are immutable) and saves on the default branch only. Before the save,
 * {@code trim --unused-since} keeps what this job used, so the saved cache does not grow without
 * bound.
 *
 * <p>GOCACHEPROG: {@code gocachectl prog} with the remotes, signing with a secret key, read-only
 * where there is none (pull requests from forks).
 */
final class GithubWorkflow {
  private GithubWorkflow() {}

  static String render(CiRequest r) {
    Yaml y = new Yaml();
    ModuleLayout l = r.layout();
    Render.header(
        y,
        r,
        "GOCACHEPROG (gocachectl prog) with remote tiers; the module cache in GitHub's cache.",
        "GitHub's cache (actions/cache) for GOCACHE and GOMODCACHE.");
    y.line("name: go");
    y.line("on:");
    y.line("  push:");
    y.line("  pull_request:");
    y.line("permissions:");
    y.line("  contents: read");
    y.line("env:");
    Render.keySettings(y, "  ");
    if (r.archive().isPresent()) {
      y.line("  GOCACHECTL_ARCHIVE_URL: " + r.archive().get());
    } else {
      y.comment("  ", "Where gocachectl's release archive is: a repository variable you set.");
      y.line("  GOCACHECTL_ARCHIVE_URL: ${{ vars.GOCACHECTL_ARCHIVE_URL }}");
    }
    y.line("jobs:");
    y.line("  go:");
    y.comment(
        "    ",
        "A pinned image, not ubuntu-latest: an image update changes the C compiler and with it"
            + " every cgo key.");
    y.line("    runs-on: ubuntu-24.04");
    if (r.prog()) {
      y.line("    env:");
      for (String v : r.credentialVariables()) {
        y.line("      " + v + ": ${{ secrets." + v + " }}");
      }
      if (r.serve().isPresent()) {
        y.line("      GOCACHECTL_REPORT_TOKEN: ${{ secrets.GOCACHECTL_REPORT_TOKEN }}");
      }
    }
    y.line("    steps:");
    y.line("      - uses: actions/checkout@v5");
    y.line("      - uses: actions/setup-go@v6");
    y.line("        with:");
    y.line("          go-version-file: " + goModPath(l.newest()));
    y.comment(
        "          ",
        "setup-go's cache restores on an exact key only and never saves after a hit, so the"
            + " build cache freezes (setup-go #395, #404): the steps below do it instead.");
    y.line("          cache: false");
    y.line("      - name: Install gocachectl");
    y.line("        id: gocachectl");
    y.line("        run: |");
    for (String s : ShellLines.install("$RUNNER_TEMP/gocachectl")) {
      y.line("          " + s);
    }
    y.line("          echo \"$RUNNER_TEMP/gocachectl\" >> \"$GITHUB_PATH\"");
    y.line("          echo \"$RUNNER_TEMP/gocachectl/bin\" >> \"$GITHUB_PATH\"");
    y.line("      - name: Go environment");
    y.line("        id: go");
    y.line("        run: |");
    y.line("          {");
    y.line("            echo \"GOCACHE=$HOME/.cache/go-build\"");
    y.line("            echo \"GOMODCACHE=$HOME/go/pkg/mod\"");
    y.line("            echo \"GOCACHECTL_JOB_START=$(date -u +%Y-%m-%dT%H:%M:%SZ)\"");
    if (r.prog()) {
      y.line("            echo \"GOCACHECTL_PROG_DIR=$RUNNER_TEMP/gocachectl-prog\"");
    }
    y.line("          } >> \"$GITHUB_ENV\"");
    y.line("          echo \"version=$(go env GOVERSION)\" >> \"$GITHUB_OUTPUT\"");
    String sums = hashFiles(l);
    String modKey = "gomod-${{ runner.os }}-${{ runner.arch }}-";
    y.comment("      ", "The module cache changes only with go.sum: its own entry, its own key.");
    y.line("      - name: Restore the module cache");
    y.line("        id: mod-cache");
    y.line("        uses: actions/cache/restore@v4");
    y.line("        with:");
    y.line("          path: ~/go/pkg/mod");
    y.line("          key: " + modKey + sums);
    y.line("          restore-keys: " + modKey);
    if (!r.prog()) {
      String buildKey =
          "gobuild-${{ runner.os }}-${{ runner.arch }}-${{ steps.go.outputs.version }}-";
      y.comment(
          "      ",
          "Keys are immutable on GitHub: one per commit, and restore-keys take the newest entry of"
              + " the same OS, arch, Go version and go.sum, else of the same Go version.");
      y.line("      - name: Restore the build cache");
      y.line("        id: build-cache");
      y.line("        uses: actions/cache/restore@v4");
      y.line("        with:");
      y.line("          path: ~/.cache/go-build");
      y.line("          key: " + buildKey + sums + "-${{ github.sha }}");
      y.line("          restore-keys: |");
      y.line("            " + buildKey + sums + "-");
      y.line("            " + buildKey);
      y.comment(
          "      ",
          "The restored trim.txt is the saving job's: go would trim by the restored (old) mtimes"
              + " before this job's later commands use them. gocachectl trims before the save.");
      y.line("      - name: Keep go's own trim out of this job");
      y.line("        run: " + ShellLines.stampTrim());
    } else {
      y.line("      - name: GOCACHEPROG with remote tiers");
      y.line("        env:");
      y.comment(
          "          ",
          "Secrets are empty in pull requests from forks: prog then only reads (--read-only).");
      y.line("          GOCACHECTL_SIGN_KEY: ${{ secrets.GOCACHECTL_SIGN_KEY }}");
      y.line("        run: |");
      for (String s : ShellLines.progFlags(r, "$RUNNER_TEMP/gocachectl-sign.key")) {
        y.line("          " + s);
      }
      y.line(
          "          echo \"GOCACHEPROG=$(command -v gocachectl) prog $flags\" >> \"$GITHUB_ENV\"");
    }
    y.comment("      ", "What keeps this runner's builds from the cache, before the build.");
    y.line("      - name: gocachectl doctor");
    y.line("        run: " + ShellLines.doctor());
    for (GoModule m : l.modules()) {
      y.line("      - name: Build and test " + m.path());
      if (!m.dir().equals(".")) {
        y.line("        working-directory: " + m.dir());
      }
      y.line("        run: |");
      y.line("          go build ./...");
      y.line("          go test ./...");
    }
    String onDefault =
        "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";
    if (!r.prog()) {
      y.comment(
          "      ",
          "Only the default branch saves. Before that, keep what this job used (an hour's"
              + " allowance for go's hourly mtime refresh) and remove what go would reject.");
      y.line("      - name: Trim to what this job used, and verify");
      y.line("        if: " + onDefault);
      y.line("        run: |");
      for (String s : ShellLines.trimAndVerify()) {
        y.line("          " + s);
      }
      y.line("      - name: Save the build cache");
      y.line("        if: " + onDefault);
      y.line("        uses: actions/cache/save@v4");
      y.line("        with:");
      y.line("          path: ~/.cache/go-build");
      y.line("          key: ${{ steps.build-cache.outputs.cache-primary-key }}");
    }
    y.line("      - name: Save the module cache");
    y.line("        if: " + onDefault + " && steps.mod-cache.outputs.cache-hit != 'true'");
    y.line("        uses: actions/cache/save@v4");
    y.line("        with:");
    y.line("          path: ~/go/pkg/mod");
    y.line("          key: ${{ steps.mod-cache.outputs.cache-primary-key }}");
    if (r.serve().isPresent()) {
      y.comment(
          "      ",
          "prog sends each go command's report; this sends what it could not, even after a failure.");
      y.line("      - name: Send the reports to gocachectl serve");
      y.line("        if: always()");
      y.line("        run: " + ShellLines.reportPush(r.serve().get()));
    }
    return y.text();
  }

  private static String goModPath(GoModule m) {
    return m.dir().equals(".") ? "go.mod" : m.dir() + "/go.mod";
  }

  private static String hashFiles(ModuleLayout l) {
    List<String> globs = l.sumGlobs();
    return "${{ hashFiles('" + String.join("', '", globs) + "') }}";
  }
}
