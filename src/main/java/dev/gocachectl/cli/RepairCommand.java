package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.repair.Removal;
import dev.gocachectl.repair.RepairReport;
import dev.gocachectl.repair.Repairer;
import dev.gocachectl.verify.VerifyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Runs verify and removes only what it finds broken: the bad action entry, and a damaged"
          + " output with the entries naming it. Never the whole cache; go rebuilds exactly what"
          + " was removed. Exit 0: the cache is healthy now, 1: a dry run found work, 2: error."
    })
final class RepairCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin CacheOptions cache;

  @Mixin VerifyCommand.VerifyFlags flags;

  @Option(names = "--dry-run", description = "Say what would be removed; remove nothing.")
  boolean dryRun;

  RepairCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    CacheDir dir = cache.open(ctx);
    VerifyReport verify =
        flags.verifier(ctx, cache).verify(dir, ConsoleProgress.forContext(ctx, "verify"));
    RepairReport report = new Repairer(cache.jobs).repair(dir, verify, dryRun);
    if (cache.json) {
      json(report, ctx.out());
    } else {
      human(report, ctx.out());
    }
    return dryRun && !report.removed().isEmpty() ? ExitCodes.PROBLEMS : ExitCodes.OK;
  }

  private static void human(RepairReport r, PrintWriter out) {
    String verb = r.dryRun() ? "would remove" : "removed";
    for (Removal m : r.removed()) {
      out.printf("%s %s (%s: %s)%n", verb, m.path(), m.kind().id(), m.why());
    }
    long entries = r.removed().stream().filter(m -> m.path().toString().endsWith("-a")).count();
    out.printf(
        "%s %d files (%d action entries, %d outputs) for %d problems%s%n",
        verb,
        r.removed().size(),
        entries,
        r.removed().size() - entries,
        r.problems(),
        r.recovered() > 0 ? "; " + r.recovered() + " had been rewritten by go and were left" : "");
    if (r.problems() == 0) {
      out.println("nothing to repair");
    } else if (!r.dryRun()) {
      out.println("the next go build recompiles what was removed");
    }
    out.flush();
  }

  private static void json(RepairReport r, PrintWriter out) throws IOException {
    JsonGenerator g = JsonOutput.open(out);
    g.writeStartObject();
    g.writeStringField("cacheDir", r.cacheDir());
    g.writeBooleanField("dryRun", r.dryRun());
    g.writeNumberField("problems", r.problems());
    g.writeNumberField("recovered", r.recovered());
    g.writeArrayFieldStart("removed");
    for (Removal m : r.removed()) {
      g.writeStartObject();
      g.writeStringField("path", m.path().toString());
      g.writeStringField("kind", m.kind().id());
      g.writeStringField("why", m.why());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    JsonOutput.close(g, out);
  }
}
