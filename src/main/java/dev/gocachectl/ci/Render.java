package dev.gocachectl.ci;

import java.util.stream.Collectors;

/** Renders a {@link CiRequest} for its target; the words every target shares. */
public final class Render {
  private Render() {}

  /** The configuration file's text. */
  public static String render(CiRequest r) {
    return switch (r.target()) {
      case GITHUB -> GithubWorkflow.render(r);
      case GITLAB -> GitlabPipeline.render(r);
      case DOCKER -> DockerBuild.render(r);
      case BUILDKITE -> BuildkitePipeline.render(r);
    };
  }

  /** The command's flags, for the header line. */
  static String flags(CiRequest r) {
    StringBuilder b = new StringBuilder();
    for (String u : r.remotes()) {
      b.append(" --remote ").append(u);
    }
    r.serve().ifPresent(s -> b.append(" --serve ").append(s));
    r.archive().ifPresent(s -> b.append(" --archive ").append(s));
    return b.toString();
  }

  /** "Modules: ...; Go 1.26 (from ...)". */
  static String describe(ModuleLayout l) {
    return "Modules: "
        + l.modules().stream()
            .map(m -> m.path() + (m.dir().equals(".") ? "" : " (" + m.dir() + ")"))
            .collect(Collectors.joining(", "))
        + (l.workspace() ? " (go.work)" : "")
        + "; Go "
        + l.goVersion()
        + ", the highest any go.mod asks for (GOTOOLCHAIN=local needs it installed).";
  }
}
