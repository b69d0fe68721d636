package dev.gocachectl.cli;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.prog.ProgDir;
import dev.gocachectl.prog.ReportSpool;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Sends the reports a prog dir holds that gocachectl serve has not had yet: those the"
          + " background send could not deliver, and the go commands since the last push. The"
          + " last step of a CI job that cannot reach serve during the build. Sending one twice"
          + " is harmless: serve counts each report once.",
      "",
      "Exit code 0 when everything was sent, 1 when some reports are still kept (serve"
          + " unreachable or refusing), 2 on bad input."
    })
final class ReportPushCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "The prog directory (default: $XDG_CACHE_HOME/gocachectl/prog, else ~/.cache/gocachectl/prog).")
  Path dir;

  @Option(
      names = "--to",
      paramLabel = "URL",
      description = "gocachectl serve's URL, as http://HOST:PORT (default: $GOCACHECTL_REPORT_TO).")
  String to;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "The service's token (default: $GOCACHECTL_REPORT_TOKEN).")
  Path tokenFile;

  ReportPushCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    String url = to != null ? to : ctx.env().get("GOCACHECTL_REPORT_TO");
    if (url == null || url.isBlank()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--to URL is needed (or GOCACHECTL_REPORT_TO)");
    }
    ReportSpool.Target target;
    try {
      String token =
          tokenFile != null
              ? Files.readString(tokenFile, StandardCharsets.UTF_8).strip()
              : ctx.env().get("GOCACHECTL_REPORT_TOKEN");
      target = new ReportSpool.Target(new URI(url), token);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--to " + url + ": not a URL of gocachectl serve (expected http://HOST:PORT)");
    }
    Path d =
        dir != null
            ? dir.toAbsolutePath()
            : ProgDir.defaultDir(ctx.env(), Path.of("").toAbsolutePath());
    if (!Files.isDirectory(d)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--dir " + d + ": not a directory (a prog dir is needed)");
    }
    ReportSpool.Outcome o = ReportSpool.push(CacheDir.open(d), target);
    ctx.out()
        .printf(
            "sent %d report%s to %s; %d kept for later%s%n",
            o.sent(),
            o.sent() == 1 ? "" : "s",
            url,
            o.kept(),
            o.dropped() > 0 ? "; " + o.dropped() + " unreadable or refused, dropped" : "");
    if (o.failure() != null) {
      ctx.err().println("gocachectl report push: " + o.failure());
      return ExitCodes.PROBLEMS;
    }
    return ExitCodes.OK;
  }
}
