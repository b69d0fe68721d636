package dev.gocachectl.cli;

import dev.gocachectl.config.ConfigException;
import dev.gocachectl.config.JobSpec;
import dev.gocachectl.config.ServeConfig;
import dev.gocachectl.units.ByteSize;
import dev.gocachectl.units.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Reads a serve config file as `serve --config` would and names the line and column of its"
          + " first mistake (an unknown key, a bad cron schedule, a directory or file that is not"
          + " there, a job naming a target the file does not list). Prints what serve would watch"
          + " and each job's next run. Exit 0: fine, 2: a mistake."
    })
final class ServeCheckConfigCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", paramLabel = "FILE", description = "The config file.")
  Path file;

  ServeCheckConfigCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    ServeConfig c;
    try {
      c = ServeConfig.read(file);
    } catch (ConfigException e) {
      ctx.err().println("gocachectl serve check-config: " + e.getMessage());
      ctx.err().flush();
      return ExitCodes.ERROR;
    }
    PrintWriter out = ctx.out();
    out.println(file + ": ok");
    for (var w : c.caches()) {
      out.printf(
          "cache       %s (%s) %s%s%n",
          w.name(),
          w.kind(),
          w.dir(),
          w.budgetBytes() > 0 ? ", budget " + ByteSize.format(w.budgetBytes()) : "");
    }
    c.modcaches().forEach(m -> out.printf("modcache    %s %s%n", m.name(), m.dir()));
    c.repositories().forEach(r -> out.printf("repository  %s %s%n", r.name(), r.dir()));
    c.mirrors()
        .forEach(m -> out.printf("mirrors     %s %s%n", m.name(), String.join(" ", m.proxies())));
    c.remotes().forEach(r -> out.printf("remote      %s %s%n", r.name(), withoutSecrets(r.url())));
    ZonedDateTime now = ZonedDateTime.now(ctx.clock()).withZoneSameInstant(c.timeZone());
    for (JobSpec j : c.jobs()) {
      out.printf(
          "job         %s: %s of %s, \"%s\" (next %s), at most %s%n",
          j.name(),
          j.kind().id(),
          String.join(", ", j.targets()),
          j.schedule().text(),
          j.schedule().next(now).map(ZonedDateTime::toString).orElse("never"),
          Durations.format(j.maxDuration()));
    }
    out.printf(
        "history     %s, reports kept %s, %d runs per job%n",
        c.history().url() == null ? "history.db in the data directory" : c.history().url(),
        Durations.format(c.history().retention()),
        c.history().runsPerJob());
    c.notifications()
        .webhooks()
        .forEach(
            w ->
                out.printf(
                    "webhook     %s %s %s%s%n",
                    w.name(),
                    w.kind().id(),
                    w.url().getScheme() + "://" + w.url().getHost() + "/...",
                    c.notifications().secretFile() == null ? " (unsigned)" : ", signed"));
    out.flush();
    return ExitCodes.OK;
  }

  /** A store URL without the password it may carry ({@code redis://:secret@host}). */
  private static String withoutSecrets(String url) {
    return url.replaceFirst("^([a-z0-9]+://)[^@/]*@", "$1***@").replaceFirst("\\?.*$", "");
  }
}
