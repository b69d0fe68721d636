package dev.gocachectl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "The per-build reports of `gocachectl prog`, sent to `gocachectl serve`.")
final class ReportCommand implements Runnable {
  @Spec CommandSpec spec;

  static CommandLine create(Context ctx) {
    CommandLine report = new CommandLine(new ReportCommand());
    report.addSubcommand("push", new ReportPushCommand(ctx));
    return report;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: push");
  }
}
