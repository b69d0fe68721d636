package dev.gocachectl.cli;

import dev.gocachectl.config.ServeConfig;
import dev.gocachectl.config.WatchedCache;
import dev.gocachectl.history.Retention;
import dev.gocachectl.notify.Format;
import dev.gocachectl.notify.RetryPolicy;
import dev.gocachectl.notify.Webhook;
import dev.gocachectl.serve.HistoryOptions;
import dev.gocachectl.serve.NotifyOptions;
import dev.gocachectl.serve.ServeOptions;
import dev.gocachectl.serve.ServeServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Collects the reports of `gocachectl prog --report-to` from every runner and exports hit"
          + " rates, misses by cause, remote tiers and cache state to Prometheus at /metrics.",
      "",
      "Serves GET /metrics, GET /healthz, POST /api/reports (needs the token), and the history"
          + " as JSON: GET /api/reports, /api/jobs, /api/jobs/NAME/runs, /api/findings, and"
          + " GET /api/status. Counters and the history (SQLite, or PostgreSQL with --history-db)"
          + " are kept in --data and survive a restart. Runs until stopped (SIGTERM saves the"
          + " counters).",
      "",
      "--config FILE (YAML) lists caches, module caches, repositories, mirrors and remote stores,"
          + " the jobs run on them on cron schedules, the history database and the webhooks;"
          + " `gocachectl serve check-config FILE` checks it."
    })
final class ServeCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandSpec spec;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "Where to listen (default: 127.0.0.1:${DEFAULT-VALUE}; loopback only).")
  String listen = "127.0.0.1:" + ServeOptions.DEFAULT_PORT;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Where the counters, the report journal and the generated token live (created if its"
              + " parent exists).")
  Path data;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "The token writes need (mode 600, yours). Default: one generated into DIR/token.")
  Path tokenFile;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A YAML file (JSON works too) of caches, repositories, mirrors and remote stores to"
              + " watch, jobs and their schedules, history and notifications (docs/commands.md).")
  Path config;

  @Option(
      names = "--cache",
      paramLabel = "NAME=DIR",
      description = "A GOCACHE whose state to export (repeatable).")
  List<String> gocaches = new ArrayList<>();

  @Option(
      names = "--prog-dir",
      paramLabel = "NAME=DIR",
      description = "A prog dir whose state to export (repeatable).")
  List<String> progDirs = new ArrayList<>();

  @Option(
      names = "--budget",
      paramLabel = "NAME=SIZE",
      description = "The size a watched cache should stay under, for the dashboard and alerts.")
  List<String> budgets = new ArrayList<>();

  @Option(
      names = "--label-name",
      paramLabel = "NAME",
      description =
          "A report label to export (repeatable; default: repo, branch, os, arch, pipeline).")
  List<String> labelNames = new ArrayList<>();

  @Option(
      names = "--max-label-values",
      paramLabel = "N",
      description = "Distinct values per label before the rest become \"other\" (default 100).")
  Integer maxLabelValues;

  @Option(
      names = "--max-body",
      paramLabel = "SIZE",
      converter = Converters.Size.class,
      description = "The largest request body taken (default: 4MiB).")
  long maxBody = ServeOptions.DEFAULT_MAX_BODY;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description = "Connections open at once (default: ${DEFAULT-VALUE}).")
  int maxConnections = ServeOptions.DEFAULT_MAX_CONNECTIONS;

  /** A heap cap above this is said at start: serve's own data needs far less (docs/commands.md). */
  private static final long HEAP_WARNING = 512L << 20;

  @Option(
      names = "--refresh",
      paramLabel = "DURATION",
      converter = Converters.Duration.class,
      description = "How often the watched caches' stats are taken (default: 5m).")
  Duration refresh = Duration.ofMinutes(5);

  @Option(
      names = "--verify-every",
      paramLabel = "DURATION",
      converter = Converters.Duration.class,
      description = "How often the watched caches are verified (default: 24h; 0: never).")
  Duration verifyEvery = Duration.ofHours(24);

  @Option(
      names = "--history-db",
      paramLabel = "URL",
      description =
          "The history database: jdbc:postgresql://HOST:PORT/DB?user=NAME for serves that share"
              + " one (the password from ~/.pgpass or PGPASSFILE, never the command line)."
              + " Default: the SQLite file history.db in --data.")
  String historyDb;

  @Option(
      names = "--keep-reports",
      paramLabel = "DURATION",
      converter = Converters.Duration.class,
      description =
          "How long build reports (and resolved findings) are kept (default: 90d, or the"
              + " config's history.retention).")
  Duration keepReports;

  @Option(
      names = "--keep-runs",
      paramLabel = "N",
      description = "Runs kept per job (default: 10000, or the config's history.runsPerJob).")
  Integer keepRuns;

  @Option(
      names = "--webhook",
      paramLabel = "FORMAT=URL",
      description =
          "Where changes are announced (repeatable): generic, slack or alertmanager, then the URL"
              + " (alertmanager: http://HOST:9093/api/v2/alerts). Sent on a change of state only:"
              + " a new or resolved finding, a job that fails or recovers, a job that is late.")
  List<String> webhooks = new ArrayList<>();

  @Option(
      names = "--webhook-secret-file",
      paramLabel = "FILE",
      description =
          "The key (mode 600, yours) that signs every webhook body: X-Gocachectl-Signature:"
              + " sha256=HMAC-SHA256 of the body.")
  Path webhookSecretFile;

  ServeCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (data == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Missing required option: '--data=DIR'");
    }
    InetSocketAddress address = address();
    Path dataDir = data.toAbsolutePath().normalize();
    if (!Files.isDirectory(dataDir) && !Files.isDirectory(dataDir.getParent())) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--data " + data + ": neither it nor its parent is a directory (a typo?)");
    }
    ServeConfig cfg =
        config == null ? ServeConfig.empty() : ServeConfig.read(config.toAbsolutePath());
    List<WatchedCache> caches = new ArrayList<>(cfg.caches());
    Map<String, Long> budget = pairs("--budget", budgets, v -> new Converters.Size().convert(v));
    pairs("--cache", gocaches, v -> v)
        .forEach((n, d) -> caches.add(cache(n, WatchedCache.GOCACHE, d, budget)));
    pairs("--prog-dir", progDirs, v -> v)
        .forEach((n, d) -> caches.add(cache(n, WatchedCache.PROG, d, budget)));
    List<String> names = !labelNames.isEmpty() ? labelNames : cfg.labelNames();
    int maxValues = maxLabelValues != null ? maxLabelValues : cfg.maxLabelValues();
    ServeOptions o =
        new ServeOptions(
            address,
            dataDir,
            tokenFile == null ? null : tokenFile.toAbsolutePath(),
            List.copyOf(names),
            maxValues,
            maxBody,
            maxConnections,
            List.copyOf(caches),
            refresh,
            verifyEvery,
            Duration.ofSeconds(5),
            ServeOptions.DEFAULT_DEDUP_WINDOW,
            16,
            cfg);
    String historyUrl = historyDb != null ? historyDb : cfg.history().url();
    if (historyUrl != null
        && !historyUrl.startsWith("jdbc:postgresql://")
        && !historyUrl.startsWith("jdbc:sqlite:")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--history-db: expected jdbc:postgresql://HOST:PORT/DATABASE or jdbc:sqlite:FILE");
    }
    HistoryOptions history;
    try {
      history =
          new HistoryOptions(
              historyUrl,
              new Retention(
                  keepReports != null ? keepReports : cfg.history().retention(),
                  keepRuns != null ? keepRuns : cfg.history().runsPerJob()),
              HistoryOptions.DEFAULT_PRUNE_EVERY);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    List<Webhook> hooks = new ArrayList<>();
    for (dev.gocachectl.config.Webhook w : cfg.notifications().webhooks()) {
      hooks.add(new Webhook(w.name(), w.url(), Format.ofId(w.kind().id())));
    }
    for (String w : webhooks) {
      int eq = w.indexOf('=');
      try {
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "expected FORMAT=URL, as slack=https://hooks.slack.com/...");
        }
        Format f = Format.ofId(w.substring(0, eq));
        hooks.add(
            new Webhook(
                f.id() + "-" + (hooks.size() + 1), java.net.URI.create(w.substring(eq + 1)), f));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--webhook " + w.substring(0, Math.max(0, eq)) + "=...: " + e.getMessage());
      }
    }
    NotifyOptions notify =
        new NotifyOptions(
            hooks,
            webhookSecretFile != null
                ? webhookSecretFile.toAbsolutePath()
                : cfg.notifications().secretFile(),
            RetryPolicy.DEFAULT);
    // read once, when the JDK's server class loads: set before it does
    System.setProperty("sun.net.httpserver.maxConnections", String.valueOf(maxConnections));
    System.setProperty("sun.net.httpserver.maxReqTime", "30");
    System.setProperty("sun.net.httpserver.maxRspTime", "60");
    PrintStream log =
        new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true);
    ServeServer server;
    try {
      server = ServeServer.start(o, history, notify, Version.number(), log);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (IOException e) {
                    log.println("gocachectl serve: " + e.getMessage());
                  }
                  stopped.countDown();
                },
                "serve-stop"));
    ctx.err()
        .printf(
            "gocachectl serve: listening on http://%s:%d (data %s; token %s; heap up to %d MiB)%n",
            server.address().getHostString(),
            server.address().getPort(),
            dataDir,
            tokenFile != null ? tokenFile : dataDir.resolve("token"),
            Runtime.getRuntime().maxMemory() >> 20);
    if (Runtime.getRuntime().maxMemory() > HEAP_WARNING) {
      ctx.err()
          .println(
              "gocachectl serve: the JVM may grow its heap past 512 MiB: start serve through the"
                  + " gocachectl launcher (-Xmx256m) or give java -Xmx256m");
    }
    ctx.err().flush();
    stopped.await();
    return ExitCodes.OK;
  }

  private WatchedCache cache(String name, String kind, String dir, Map<String, Long> budget) {
    Path p = Path.of(dir).toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "cache " + name + ": " + dir + " is not a directory");
    }
    try {
      return new WatchedCache(name, kind, p, budget.getOrDefault(name, 0L));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private <T> Map<String, T> pairs(
      String flag, List<String> values, java.util.function.Function<String, T> parse) {
    Map<String, T> m = new LinkedHashMap<>();
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq <= 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), flag + " " + v + ": expected NAME=VALUE");
      }
      try {
        m.put(v.substring(0, eq), parse.apply(v.substring(eq + 1)));
      } catch (RuntimeException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), flag + " " + v + ": " + e.getMessage());
      }
    }
    return m;
  }

  private InetSocketAddress address() {
    int colon = listen.lastIndexOf(':');
    String host = colon < 0 ? "" : listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (colon < 0 || host.isEmpty() || port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--listen "
              + listen
              + ": expected HOST:PORT, as 127.0.0.1:9310 (0.0.0.0 for every"
              + " interface)");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (java.net.UnknownHostException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--listen " + listen + ": unknown host " + host);
    }
  }
}
