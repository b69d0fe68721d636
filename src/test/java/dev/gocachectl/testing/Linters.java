package dev.gocachectl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The linters CI users hold their configuration files to, pinned and installed by {@code
 * scripts/ci-linters.sh} (run here when one is missing, so a single test class works on a clean
 * machine too): actionlint (with shellcheck for every {@code run:} script), shellcheck,
 * check-jsonschema's vendored schemas and hadolint. Each {@code check} fails the test with the
 * linter's own output; {@link #run} returns it, for tests that a bad file is refused.
 */
public final class Linters {
  /** What a linter said. */
  public record Run(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** The schemas check-jsonschema ships (its {@code --builtin-schema vendor.NAME}). */
  public enum Schema {
    GITHUB_WORKFLOWS("vendor.github-workflows"),
    GITHUB_ACTIONS("vendor.github-actions"),
    GITLAB_CI("vendor.gitlab-ci"),
    BUILDKITE("vendor.buildkite");

    final String builtin;

    Schema(String builtin) {
      this.builtin = builtin;
    }
  }

  private static final String ACTIONLINT = "actionlint-v1.7.12/actionlint";
  private static final String VENV = "venv-1/bin/";
  private static Path dest;

  private Linters() {}

  /** actionlint on a workflow file, with shellcheck on its PATH so run: scripts are checked. */
  public static void actionlint(Path workflow) {
    check("actionlint", runActionlint(workflow), workflow);
  }

  public static Run runActionlint(Path workflow) {
    return run(List.of(tool(ACTIONLINT).toString(), "-no-color", workflow.toString()));
  }

  /** shellcheck on a script (its shebang or {@code # shellcheck shell=} says the dialect). */
  public static void shellcheck(Path script) {
    check("shellcheck", runShellcheck(script), script);
  }

  public static Run runShellcheck(Path script) {
    return run(List.of(tool(VENV + "shellcheck").toString(), script.toString()));
  }

  /** shellcheck on a script given as text, in {@code shell}'s dialect (sh, bash). */
  public static void shellcheck(String shell, String script) {
    try {
      Path f = Files.createTempFile("script", ".sh");
      Files.writeString(f, "#!/bin/" + shell + "\n" + script);
      Run r = run(List.of(tool(VENV + "shellcheck").toString(), f.toString()));
      Files.delete(f);
      if (!r.ok()) {
        throw new AssertionError("shellcheck refused:\n" + script + "\n" + r.output());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** hadolint on a Dockerfile. */
  public static void hadolint(Path dockerfile) {
    check("hadolint", runHadolint(dockerfile), dockerfile);
  }

  public static Run runHadolint(Path dockerfile) {
    return run(List.of(tool(VENV + "hadolint").toString(), "--no-color", dockerfile.toString()));
  }

  /** check-jsonschema with one of its vendored schemas (no network). */
  public static void schema(Schema schema, Path file) {
    check("check-jsonschema " + schema.builtin, runSchema(schema, file), file);
  }

  public static Run runSchema(Schema schema, Path file) {
    return run(
        List.of(
            tool(VENV + "check-jsonschema").toString(),
            "--builtin-schema",
            schema.builtin,
            file.toString()));
  }

  private static void check(String what, Run r, Path file) {
    if (!r.ok()) {
      String text;
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        text = "(unreadable: " + e + ")";
      }
      throw new AssertionError(
          what + " refused " + file + " (exit " + r.exitCode() + "):\n" + r.output() + "\n" + text);
    }
  }

  /** The installed tool, installing the set first when it is missing. */
  static synchronized Path tool(String relative) {
    if (dest == null || !Files.isExecutable(dest.resolve(relative))) {
      dest = install();
    }
    Path p = dest.resolve(relative);
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(p + " is missing after scripts/ci-linters.sh ran");
    }
    return p;
  }

  private static Path install() {
    Path script = Path.of("scripts", "ci-linters.sh").toAbsolutePath();
    Run r = run(List.of(script.toString()));
    if (!r.ok()) {
      throw new IllegalStateException(
          "scripts/ci-linters.sh failed (exit " + r.exitCode() + "):\n" + r.output());
    }
    List<String> lines = r.output().strip().lines().toList();
    return Path.of(lines.getLast().strip());
  }

  private static Run run(List<String> cmd) {
    try {
      Path out = Files.createTempFile("lint", ".out");
      ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true);
      pb.redirectOutput(out.toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Map<String, String> env = pb.environment();
      Map<String, String> keep = new HashMap<>(env);
      env.clear();
      for (String k : List.of("HOME", "TMPDIR", "LANG", "GOCACHECTL_LINTERS", "GOPROXY")) {
        if (keep.get(k) != null) {
          env.put(k, keep.get(k));
        }
      }
      // actionlint runs shellcheck when it is on PATH; the venv's comes first.
      String venvBin = dest == null ? "" : dest.resolve(VENV).toString() + ":";
      env.put("PATH", venvBin + keep.getOrDefault("PATH", "/usr/bin:/bin"));
      Process p = pb.start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(cmd + " did not finish in 10 min");
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      Files.delete(out);
      return new Run(p.exitValue(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
