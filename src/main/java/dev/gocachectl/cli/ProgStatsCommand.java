package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.prog.ProgDir;
import dev.gocachectl.prog.StatsLogReader;
import dev.gocachectl.units.ByteSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Summarises the per-build reports of `gocachectl prog`: hit rate per go invocation and"
          + " overall, why gets missed (new, trimmed, dangling, invalid), bytes, get latency."
    })
final class ProgStatsCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "The prog directory (default: $XDG_CACHE_HOME/gocachectl/prog, else ~/.cache/gocachectl/prog).")
  Path dir;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(
      names = "--last",
      paramLabel = "N",
      description = "Show the last N invocations (default: ${DEFAULT-VALUE}); totals cover them.")
  int last = 20;

  ProgStatsCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    Path d =
        dir != null
            ? dir.toAbsolutePath()
            : ProgDir.defaultDir(ctx.env(), Path.of("").toAbsolutePath());
    StatsLogReader.Log log = StatsLogReader.read(CacheDir.open(d));
    List<StatsLogReader.Entry> shown =
        log.entries()
            .subList(Math.max(0, log.entries().size() - Math.max(last, 0)), log.entries().size());
    if (json) {
      json(d, shown, log.unreadable(), ctx.out());
    } else {
      human(d, shown, log.unreadable(), ctx.out());
    }
    return ExitCodes.OK;
  }

  private static double rate(long hits, long gets) {
    return gets == 0 ? 0 : 100.0 * hits / gets;
  }

  private static void human(Path dir, List<StatsLogReader.Entry> es, int bad, PrintWriter out) {
    out.printf("prog dir   %s%n", dir);
    out.printf(
        "%-20s %7s %7s %6s %6s %6s %5s %5s %9s %9s %7s %7s  %s%n",
        "time (UTC)",
        "gets",
        "hits",
        "rate",
        "new",
        "trim",
        "dngl",
        "puts",
        "read",
        "written",
        "p50",
        "p99",
        "command");
    long gets = 0;
    long hits = 0;
    for (StatsLogReader.Entry e : es) {
      gets += e.get("gets");
      hits += e.get("hits");
      out.printf(
          Locale.ROOT,
          "%-20s %7d %7d %5.1f%% %6d %6d %5d %5d %9s %9s %5dus %5dus  %s%n",
          e.time().toString().substring(0, 19),
          e.get("gets"),
          e.get("hits"),
          rate(e.get("hits"), e.get("gets")),
          e.get("miss.new"),
          e.get("miss.trimmed"),
          e.get("miss.dangling") + e.get("miss.invalid"),
          e.get("puts"),
          ByteSize.format(e.get("bytesRead")),
          ByteSize.format(e.get("bytesWritten")),
          e.get("getP50Micros"),
          e.get("getP99Micros"),
          e.command() == null ? "?" : e.command());
    }
    out.printf(
        Locale.ROOT,
        "%d invocations: %d gets, %d hits (%.1f%%)%s%n",
        es.size(),
        gets,
        hits,
        rate(hits, gets),
        bad > 0 ? "; " + bad + " unreadable lines skipped" : "");
    long found = es.stream().filter(e -> e.numbers().containsKey("prefetch.listed")).count();
    if (found > 0) {
      out.printf(
          Locale.ROOT,
          "prefetch: %d gets answered by %d actions fetched ahead; %d of %d invocations found a"
              + " manifest%n",
          es.stream().mapToLong(e -> e.get("prefetch.used")).sum(),
          es.stream().mapToLong(e -> e.get("prefetch.fetched")).sum(),
          es.stream().filter(e -> e.get("prefetch.listed") > 0).count(),
          found);
    }
    for (var t : remoteTotals(es).entrySet()) {
      Map<String, Long> n = t.getValue();
      long g = n.getOrDefault("gets", 0L);
      long h = n.getOrDefault("hits", 0L);
      out.printf(
          Locale.ROOT,
          "remote %s: %d of %d gets hit (%.1f%%), %s read; %d errors, %d timeouts, %d verify"
              + " failed, %d rejected, %d refused; %d uploaded (%s), %d upload failed, %d dropped,"
              + " %d too big%n",
          t.getKey(),
          h,
          g,
          rate(h, g),
          ByteSize.format(n.getOrDefault("bytesRead", 0L)),
          n.getOrDefault("errors", 0L),
          n.getOrDefault("timeouts", 0L),
          n.getOrDefault("verifyFailed", 0L),
          n.getOrDefault("rejected", 0L),
          n.getOrDefault("refused", 0L),
          n.getOrDefault("uploaded", 0L),
          ByteSize.format(n.getOrDefault("bytesWritten", 0L)),
          n.getOrDefault("uploadFailed", 0L),
          n.getOrDefault("dropped", 0L),
          n.getOrDefault("tooBig", 0L));
    }
    out.flush();
  }

  /** Counters of each remote tier summed over the invocations (latencies left out). */
  private static Map<String, Map<String, Long>> remoteTotals(List<StatsLogReader.Entry> es) {
    Map<String, Map<String, Long>> totals = new LinkedHashMap<>();
    for (StatsLogReader.Entry e : es) {
      for (StatsLogReader.Tier t : e.remotes()) {
        Map<String, Long> sum = totals.computeIfAbsent(t.name(), k -> new LinkedHashMap<>());
        t.numbers().forEach((k, v) -> sum.merge(k, v, Long::sum));
      }
    }
    return totals;
  }

  private static void json(Path dir, List<StatsLogReader.Entry> es, int bad, PrintWriter out)
      throws IOException {
    JsonGenerator g = JsonOutput.open(out);
    g.writeStartObject();
    g.writeStringField("dir", dir.toString());
    long gets = 0;
    long hits = 0;
    g.writeArrayFieldStart("invocations");
    for (StatsLogReader.Entry e : es) {
      gets += e.get("gets");
      hits += e.get("hits");
      g.writeStartObject();
      g.writeStringField("time", e.time().toString());
      JsonOutput.string(g, "mode", e.mode());
      JsonOutput.string(g, "command", e.command());
      for (var n : e.numbers().entrySet()) {
        g.writeNumberField(n.getKey(), n.getValue());
      }
      g.writeNumberField("hitRate", rate(e.get("hits"), e.get("gets")) / 100);
      if (!e.remotes().isEmpty()) {
        g.writeArrayFieldStart("remotes");
        for (StatsLogReader.Tier t : e.remotes()) {
          g.writeStartObject();
          g.writeStringField("name", t.name());
          for (var n : t.numbers().entrySet()) {
            g.writeNumberField(n.getKey(), n.getValue());
          }
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("total");
    g.writeNumberField("invocations", es.size());
    g.writeNumberField("gets", gets);
    g.writeNumberField("hits", hits);
    g.writeNumberField("hitRate", rate(hits, gets) / 100);
    g.writeNumberField("unreadableLines", bad);
    g.writeEndObject();
    g.writeObjectFieldStart("remotes");
    for (var t : remoteTotals(es).entrySet()) {
      g.writeObjectFieldStart(t.getKey());
      for (var n : t.getValue().entrySet()) {
        if (!n.getKey().endsWith("Micros")) {
          g.writeNumberField(n.getKey(), n.getValue());
        }
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
    JsonOutput.close(g, out);
  }
}
