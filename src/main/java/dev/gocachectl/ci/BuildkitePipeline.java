package dev.gocachectl.ci;

import java.util.ArrayList;
import java.util.List;

/**
 * A Buildkite pipeline ({@code .buildkite/pipeline.yml}). Buildkite has no cache service of its
 * own: agents keep their disks between builds, so the CI's own cache is GOCACHE and GOMODCACHE on
 * the agent, shared by the pipelines it runs. Checkout paths differ per agent and pipeline
 * (BUILDKITE_BUILD_CHECKOUT_PATH), hence -trimpath; the trim at the end keeps the agent's cache
 * under a size and never touches what the last 24 hours used (other pipelines' builds).
 *
 * <p>Commands are interpolated by the agent when the pipeline is uploaded: every {@code $} meant
 * for the shell is written {@code $$}.
 */
final class BuildkitePipeline {
  private BuildkitePipeline() {}

  static String render(CiRequest r) {
    Yaml y = new Yaml();
    ModuleLayout l = r.layout();
    Render.header(
        y,
        r,
        "GOCACHEPROG (gocachectl prog) with remote tiers.",
        "the agent's own disk for GOCACHE and GOMODCACHE (agents keep them).");
    y.line("env:");
    Render.keySettings(y, "  ");
    if (r.archive().isPresent()) {
      y.line("  GOCACHECTL_ARCHIVE_URL: " + r.archive().get());
    } else {
      y.comment(
          "  ",
          "GOCACHECTL_ARCHIVE_URL: where gocachectl's release archive is, set on the agents.");
    }
    y.comment(
        "  ",
        "Agents run Go " + l.goVersion() + " or newer (GOTOOLCHAIN=local), and one C compiler.");
    y.line("steps:");
    y.line("  - label: \":go: build and test\"");
    y.line("    key: go");
    y.line("    command: |");
    List<String> lines = new ArrayList<>();
    lines.add("export GOCACHECTL_PROG_DIR=\"$HOME/.cache/gocachectl/prog\"");
    lines.add("export PATH=\"$HOME/.cache/gocachectl/bin:$PATH\"");
    lines.add(
        "command -v gocachectl >/dev/null || { "
            + String.join(" && ", ShellLines.install("$HOME/.cache/gocachectl/bin"))
            + "; }");
    if (r.prog()) {
      lines.add(
          "# Secrets from Buildkite's secrets; builds of pull requests from forks get none and only read.");
      lines.add(
          "if [ \"${BUILDKITE_PULL_REQUEST_REPO:-$BUILDKITE_REPO}\" = \"$BUILDKITE_REPO\" ]; then"
              + " GOCACHECTL_SIGN_KEY=$(buildkite-agent secret get GOCACHECTL_SIGN_KEY || true);"
              + " else GOCACHECTL_SIGN_KEY=; fi");
      for (String s : ShellLines.progFlags(r, "$HOME/.cache/gocachectl/sign.key")) {
        lines.add(s);
      }
      lines.add("GOCACHEPROG=\"$(command -v gocachectl) prog $flags\"");
      lines.add("export GOCACHEPROG");
    }
    lines.add(ShellLines.doctor());
    for (GoModule m : l.modules()) {
      lines.addAll(ShellLines.buildAndTest(m));
    }
    if (!r.prog()) {
      lines.add(
          "# The agent's cache outlives builds: keep it under a size, never what the last 24h used.");
      lines.add("gocachectl trim --max-size 20GiB || [ $? -eq 1 ]");
    }
    if (r.serve().isPresent()) {
      lines.add(ShellLines.reportPush(r.serve().get()));
    }
    for (String s : lines) {
      y.line("      " + s.replace("$", "$$"));
    }
    return y.text();
  }
}
