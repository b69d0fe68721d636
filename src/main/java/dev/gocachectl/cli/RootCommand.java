package dev.gocachectl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "gocachectl",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Keeps Go build and module caches correct, small, shared and explained.",
    subcommandsRepeatable = false)
final class RootCommand implements Runnable {
  private final Context ctx;

  @Spec CommandSpec spec;

  RootCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  Context context() {
    return ctx;
  }
}
