package dev.gocachectl.ci;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The CI systems {@code gocachectl ci} writes a configuration for, and the file each one reads. */
public enum Target {
  GITHUB(".github/workflows/go.yml"),
  GITLAB(".gitlab-ci.yml"),
  DOCKER("Dockerfile"),
  BUILDKITE(".buildkite/pipeline.yml");

  private final String file;

  Target(String file) {
    this.file = file;
  }

  /** Where the printed configuration goes in the repository. */
  public String file() {
    return file;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The target named {@code name}, or an IllegalArgumentException listing the known ones. */
  public static Target parse(String name) {
    for (Target t : values()) {
      if (t.id().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown CI '"
            + name
            + "'; expected one of "
            + Arrays.stream(values()).map(Target::id).collect(Collectors.joining(", ")));
  }
}
