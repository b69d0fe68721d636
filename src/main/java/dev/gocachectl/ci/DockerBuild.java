package dev.gocachectl.ci;

import java.util.ArrayList;
import java.util.List;

/**
 * A Dockerfile for BuildKit. The CI's own cache here is BuildKit's cache mounts ({@code RUN
 * --mount=type=cache}): kept by the builder between builds, shared by concurrent builds (go's cache
 * is safe for concurrent go commands, {@code go help cache}), never part of an image. They are not
 * restored from tarballs, so no old trim.txt; they outlive builds and are dropped whole by the
 * builder's GC, so the last step trims them to a size, keeping whatever the last 24 hours used (a
 * concurrent build's entries). The WORKDIR is fixed, but -trimpath keeps keys equal with the same
 * code built elsewhere.
 *
 * <p>GOCACHEPROG: the signing key and the stores' credentials are BuildKit secrets ({@code docker
 * build --secret id=gocachectl_sign_key,src=FILE}); without the key, prog only reads.
 */
final class DockerBuild {
  private static final String BUILD = "/root/.cache/go-build";
  private static final String MOD = "/go/pkg/mod";
  private static final String PROG = "/root/.cache/gocachectl";

  private DockerBuild() {}

  static String render(CiRequest r) {
    Yaml y = new Yaml();
    ModuleLayout l = r.layout();
    y.line("# syntax=docker/dockerfile:1");
    Render.header(
        y,
        r,
        "GOCACHEPROG (gocachectl prog) with remote tiers; modules in a cache mount.",
        "BuildKit cache mounts for GOCACHE and GOMODCACHE.");
    y.comment("A pinned image: the Go version and the C compiler in it are part of every key.");
    y.line("FROM golang:" + l.goVersion() + " AS build");
    y.comment("pipefail: the install step pipes curl into tar.");
    y.line("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]");
    for (KeySettings.Setting s : KeySettings.ALL) {
      y.comment(s.name() + ": " + s.why());
    }
    StringBuilder env = new StringBuilder("ENV");
    for (KeySettings.Setting s : KeySettings.ALL) {
      env.append(" ").append(s.name()).append("=").append(Yaml.quote(s.value()));
    }
    y.line(env.toString());
    y.comment(
        "Where gocachectl's release archive is: docker build --build-arg GOCACHECTL_ARCHIVE_URL=...");
    y.line("ARG GOCACHECTL_ARCHIVE_URL" + r.archive().map(a -> "=" + a).orElse(""));
    y.line("RUN " + String.join(" && ", ShellLines.install("/opt/gocachectl")));
    y.line("ENV PATH=\"/opt/gocachectl:/opt/gocachectl/bin:$PATH\"");
    y.line("WORKDIR /src");
    y.comment("go.mod and go.sum first: the module download is redone only when they change.");
    for (GoModule m : l.modules()) {
      String d = m.dir().equals(".") ? "" : m.dir() + "/";
      y.line("COPY " + d + "go.mod " + d + "go.su[m] ./" + d);
    }
    List<String> downloads = new ArrayList<>();
    for (GoModule m : l.modules()) {
      downloads.add("go -C " + m.dir() + " mod download");
    }
    y.line("RUN --mount=type=cache,target=" + MOD + " " + String.join(" && ", downloads));
    y.line("COPY . .");
    List<String> mounts = new ArrayList<>();
    mounts.add("--mount=type=cache,target=" + MOD);
    mounts.add("--mount=type=cache,target=" + BUILD);
    List<String> script = new ArrayList<>();
    if (r.prog()) {
      mounts.add("--mount=type=cache,target=" + PROG);
      mounts.add("--mount=type=secret,id=gocachectl_sign_key");
      for (String v : r.credentialVariables()) {
        mounts.add("--mount=type=secret,id=" + v);
      }
      if (r.serve().isPresent()) {
        mounts.add("--mount=type=secret,id=GOCACHECTL_REPORT_TOKEN");
      }
      List<String> secrets = new ArrayList<>(r.credentialVariables());
      if (r.serve().isPresent()) {
        secrets.add("GOCACHECTL_REPORT_TOKEN");
      }
      if (!secrets.isEmpty()) {
        script.add(
            "for v in "
                + String.join(" ", secrets)
                + "; do if [ -f \"/run/secrets/$v\" ]; then export \"$v=$(cat \"/run/secrets/$v\")\"; fi; done");
      }
      String key = "/run/secrets/gocachectl_sign_key";
      StringBuilder flags = new StringBuilder("--dir " + PROG + "/prog");
      for (String u : r.remotes()) {
        flags.append(" --remote ").append(u);
      }
      r.serve().ifPresent(s -> flags.append(" --report-to ").append(s));
      script.add("flags=\"" + flags + "\"");
      script.add(
          "if [ -f "
              + key
              + " ]; then flags=\"$flags --sign-key-file "
              + key
              + " --verify-key-file "
              + key
              + "\"; else flags=\"$flags --read-only\"; fi");
      script.add("GOCACHEPROG=\"$(command -v gocachectl) prog $flags\"");
      script.add("export GOCACHEPROG");
    }
    script.add(ShellLines.doctor());
    for (GoModule m : l.modules()) {
      script.add("go -C " + m.dir() + " build ./...");
      script.add("go -C " + m.dir() + " test ./...");
    }
    if (r.serve().isPresent()) {
      script.add(
          "{ gocachectl report push --dir "
              + PROG
              + "/prog --to "
              + r.serve().get()
              + " || [ $? -eq 1 ]; }");
    }
    y.comment(
        "doctor first, then the build; a cache mount per cache, shared by concurrent builds.");
    y.line(
        "RUN "
            + String.join(" \\\n    ", mounts)
            + " \\\n    "
            + String.join(" && \\\n    ", wrapOr(script)));
    if (!r.prog()) {
      y.comment(
          "Cache mounts outlive builds: keep them under a size, never touching what the last 24h"
              + " used (another build may be using it).");
      y.line(
          "RUN --mount=type=cache,target="
              + BUILD
              + " gocachectl trim --cache "
              + BUILD
              + " --max-size 10GiB || [ $? -eq 1 ]");
    }
    return y.text();
  }

  /** Lines joined by && must group an "a || b" so a failure of a does not skip the rest. */
  private static List<String> wrapOr(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String s : lines) {
      out.add(s.contains(" || ") && !s.startsWith("{") ? "{ " + s + "; }" : s);
    }
    return out;
  }
}
