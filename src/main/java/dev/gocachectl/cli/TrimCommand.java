package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.trim.TrimPolicy;
import dev.gocachectl.trim.TrimReport;
import dev.gocachectl.trim.Trimmer;
import dev.gocachectl.units.ByteSize;
import dev.gocachectl.units.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "trim",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Deletes least recently used entries (by mtime) until the cache fits --max-size, and/or"
          + " those unused for --max-age or since --unused-since, while builds may be running: nothing used within"
          + " --keep-recent goes, each file is re-checked just before it is unlinked, and action"
          + " entries go before their outputs. Exit 0: done, 1: the budget could not be met"
          + " without deleting recent entries, 2: error."
    })
final class TrimCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandSpec spec;

  @Mixin CacheOptions cache;

  @Option(
      names = "--max-size",
      paramLabel = "SIZE",
      converter = Converters.Size.class,
      description =
          "Size budget: 500M, 10G, 1.5GiB (k/M/G/T are powers of 1000, Ki/Mi/Gi/Ti of 1024).")
  Long maxSize;

  @Option(
      names = "--max-age",
      paramLabel = "DURATION",
      converter = Converters.Duration.class,
      description = "Delete what was not used for this long: 5d, 36h.")
  Duration maxAge;

  @Option(
      names = "--unused-since",
      paramLabel = "TIME",
      converter = Converters.Time.class,
      description =
          "Delete what was not used since TIME (a CI job's start, before saving its cache: RFC"
              + " 3339 such as 2026-12-08T01:30:00Z, or Unix seconds), allowing an hour for go's"
              + " mtime refresh; --keep-recent defaults to 0 with it.")
  Instant unusedSince;

  @Option(
      names = "--keep-recent",
      paramLabel = "DURATION",
      converter = Converters.Duration.class,
      description =
          "Never delete anything used within this long (default: 24h, go's own rule of thumb for"
              + " what a concurrent build may still use; 0 with --unused-since).")
  Duration keepRecentFlag;

  @Option(names = "--dry-run", description = "Say what would be deleted; delete nothing.")
  boolean dryRun;

  TrimCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    TrimPolicy policy;
    if (unusedSince != null && maxAge != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--unused-since and --max-age both say how old is too old; give one of them");
    }
    Duration keepRecent = keepRecentFlag != null ? keepRecentFlag : TrimPolicy.DEFAULT_KEEP_RECENT;
    try {
      policy =
          unusedSince != null
              ? TrimPolicy.unusedSince(
                  unusedSince,
                  ctx.clock().instant(),
                  Optional.ofNullable(maxSize),
                  Optional.ofNullable(keepRecentFlag),
                  dryRun)
              : new TrimPolicy(
                  Optional.ofNullable(maxSize), Optional.ofNullable(maxAge), keepRecent, dryRun);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (unusedSince == null && policy.keepRecentBelowGoInterval()) {
      ctx.err()
          .printf(
              "gocachectl: warning: --keep-recent %s is under an hour; go refreshes a file's mtime"
                  + " only when it is an hour stale, so files a running build uses may be deleted%n",
              Durations.format(keepRecent));
      ctx.err().flush();
    }
    if (unusedSince == null && maxAge != null && maxAge.compareTo(keepRecent) < 0) {
      ctx.err()
          .printf(
              "gocachectl trim: warning: --max-age %s is under --keep-recent %s: files used within"
                  + " the last %s are kept whatever their age; pass --keep-recent %s to delete"
                  + " them too%n",
              Durations.format(maxAge),
              Durations.format(keepRecent),
              Durations.format(keepRecent),
              Durations.format(maxAge));
      ctx.err().flush();
    }
    CacheDir dir = cache.open(ctx);
    TrimReport r = new Trimmer(ctx.clock(), cache.jobs).trim(dir, policy);
    if (cache.json) {
      json(r, ctx.out());
    } else {
      human(r, ctx.out(), policy);
    }
    return r.budgetMet() ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }

  private static void human(TrimReport r, PrintWriter out, TrimPolicy p) {
    if (r.skippedMoved() > 0) {
      out.printf(
          Locale.ROOT, "kept %,d files a go process used during the trim%n", r.skippedMoved());
    }
    if (r.deletedTemps() > 0) {
      out.printf(Locale.ROOT, "removed %,d stale temporary files%n", r.deletedTemps());
    }
    if (!r.budgetMet()) {
      out.printf(
          "budget not met: %s left, over %s; %s of it was used within the last %s"
              + " (--keep-recent) and is protected%n",
          ByteSize.format(r.bytesAfter()),
          ByteSize.format(p.maxBytes().orElseThrow()),
          ByteSize.format(r.protectedBytes()),
          Durations.format(p.keepRecent()));
    }
    out.printf(
        Locale.ROOT,
        "%s %,d of %,d entries (%,d action entries, %,d outputs), reclaimed %s of %s%n",
        r.dryRun() ? "would delete" : "deleted",
        r.deletedEntries(),
        r.entriesBefore(),
        r.deletedActions(),
        r.deletedOutputs(),
        ByteSize.format(r.reclaimed()),
        ByteSize.format(r.bytesBefore()));
    out.flush();
  }

  private static void json(TrimReport r, PrintWriter out) throws IOException {
    JsonGenerator g = JsonOutput.open(out);
    g.writeStartObject();
    g.writeStringField("cacheDir", r.cacheDir());
    g.writeBooleanField("dryRun", r.dryRun());
    g.writeNumberField("entriesBefore", r.entriesBefore());
    g.writeNumberField("bytesBefore", r.bytesBefore());
    g.writeNumberField("deletedEntries", r.deletedEntries());
    g.writeNumberField("deletedActions", r.deletedActions());
    g.writeNumberField("deletedOutputs", r.deletedOutputs());
    g.writeNumberField("deletedTempFiles", r.deletedTemps());
    g.writeNumberField("reclaimedBytes", r.reclaimed());
    g.writeNumberField("bytesAfter", r.bytesAfter());
    g.writeNumberField("skippedMoved", r.skippedMoved());
    g.writeNumberField("protectedBytes", r.protectedBytes());
    g.writeBooleanField("budgetMet", r.budgetMet());
    g.writeEndObject();
    JsonOutput.close(g, out);
  }
}
