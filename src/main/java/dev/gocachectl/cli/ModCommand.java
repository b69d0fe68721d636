package dev.gocachectl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "mod",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Module caches, go.sum, the checksum database and GOPROXY mirrors: verify, sumdb, mirrors."
    })
final class ModCommand implements Runnable {
  @Spec CommandSpec spec;

  /** The mod command and its subcommands. */
  static CommandLine create(Context ctx) {
    CommandLine mod = new CommandLine(new ModCommand());
    mod.addSubcommand("verify", new ModVerifyCommand(ctx));
    mod.addSubcommand("sumdb", new ModSumdbCommand(ctx));
    mod.addSubcommand("mirrors", new ModMirrorsCommand(ctx));
    return mod;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: verify, sumdb or mirrors");
  }
}
