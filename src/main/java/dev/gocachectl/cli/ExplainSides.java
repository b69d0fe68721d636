package dev.gocachectl.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of explain's run mode: how sides A and B differ, and where to save them. */
final class ExplainSides {
  @Option(names = "--env-a", paramLabel = "NAME=VALUE", description = "A variable for side A.")
  List<String> envA;

  @Option(names = "--env-b", paramLabel = "NAME=VALUE", description = "A variable for side B.")
  List<String> envB;

  @Option(names = "--dir-a", paramLabel = "DIR", description = "Where side A runs.")
  Path dirA;

  @Option(names = "--dir-b", paramLabel = "DIR", description = "Where side B runs.")
  Path dirB;

  @Option(names = "--save-a", paramLabel = "FILE", description = "Save side A's capture.")
  Path saveA;

  @Option(names = "--save-b", paramLabel = "FILE", description = "Save side B's capture.")
  Path saveB;

  /** Whether any option of run mode was given. */
  boolean given() {
    return envA != null
        || envB != null
        || dirA != null
        || dirB != null
        || saveA != null
        || saveB != null;
  }
}
