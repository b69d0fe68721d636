package dev.gocachectl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "prog",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Go's GOCACHEPROG: set GOCACHEPROG=\"<repo>/gocachectl prog [--dir DIR]\". The go command"
          + " starts it and speaks the protocol on its stdin/stdout; `prog stats` summarises the"
          + " per-build reports it keeps in DIR."
    })
final class ProgCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "gocachectl prog speaks GOCACHEPROG on stdin/stdout and is meant to be started by go:"
            + " GOCACHEPROG=\"<repo>/gocachectl prog --dir DIR\"; for its reports run 'gocachectl"
            + " prog stats'");
  }
}
