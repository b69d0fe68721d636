package dev.gocachectl.serve;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gocachectl.config.WatchedCache;
import dev.gocachectl.history.Finding;
import dev.gocachectl.history.FindingFilter;
import dev.gocachectl.history.History;
import dev.gocachectl.history.HistoryException;
import dev.gocachectl.history.HistoryJson;
import dev.gocachectl.history.JobName;
import dev.gocachectl.history.JobRun;
import dev.gocachectl.history.Page;
import dev.gocachectl.history.PageRequest;
import dev.gocachectl.history.StoredReport;
import dev.gocachectl.notify.Notifier;
import dev.gocachectl.secret.SecretFile;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code gocachectl serve}: the JDK's HTTP server on virtual threads.
 *
 * <ul>
 *   <li>{@code GET /}, {@code /runners}, {@code /jobs/NAME}: the pages ({@link PageRoutes}).
 *   <li>{@code GET /metrics}: Prometheus text, or OpenMetrics when asked ({@link MetricsExport}).
 *   <li>{@code GET /healthz}: {@code 200 {"status":"ok"}}, or 503 with the reason when the counters
 *       cannot be saved or the history database fails ({@code "history":{"problem":"full",
 *       "error":"..."}}: full, read-only, unavailable, corrupt, busy or error).
 *   <li>{@code POST /api/reports}: one report line or several (newline-separated JSON, {@code
 *       BuildReport}'s format), with {@code Authorization: Bearer TOKEN}. Answers {@code
 *       {"accepted":N,"duplicates":N,"rejected":N,"errors":["line 2: ..."]}}: 200 when at least one
 *       line was good (or none was sent twice), 400 when every line was malformed, 401 without the
 *       token, 413 over the size limit, 503 when the history or the journal cannot take them. A 200
 *       means the reports are in the history and the journal.
 * </ul>
 *
 * <p>The history, read as JSON; every list is newest first and paged: {@code size} (1 to 1000,
 * default 100; {@code limit} is its older name) and {@code cursor} (the {@code "next"} of the page
 * before; {@code "next"} is null on the last page). An unknown or repeated parameter, or a bad
 * value, is a 400 with {@code {"error":"..."}}.
 *
 * <ul>
 *   <li>{@code GET /api/reports}: {@code {"reports":[REPORT...],"next":"1234"}}, each report as
 *       {@code BuildReport} writes it.
 *   <li>{@code GET /api/jobs}: {@code {"jobs":[{"name":"verify-ci","lastRun":RUN}]}}, every job
 *       that has run, by name, with its newest run.
 *   <li>{@code GET /api/jobs/NAME/runs}: {@code {"job":"verify-ci","runs":[RUN...],"next":...}}.
 *   <li>{@code GET /api/findings?state=open|resolved} (default open): {@code
 *       {"state":"open","findings":[FINDING...],"next":...}}.
 *   <li>{@code GET /api/status}: the counts, the label values in use and the caches watched.
 * </ul>
 *
 * <p>RUN and FINDING are {@link dev.gocachectl.history.HistoryJson}'s.
 *
 * <p>Bounded: the request body ({@code maxBodyBytes}), the connections ({@code
 * sun.net.httpserver.maxConnections}, set by the command before the server class loads), the
 * requests handled at once, and the time a client may take to send a request ({@code
 * sun.net.httpserver.maxReqTime}).
 */
public final class ServeServer implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int DEFAULT_PAGE = 100;

  private final ServeOptions options;
  private final Ingest ingest;
  private final History history;
  private final Notifier notifier;
  private final CacheWatch caches;
  private final MetricsExport export;
  private final Token token;
  private final HttpServer http;
  private final ScheduledExecutorService timer;
  private final Semaphore handling;
  private final PrintStream log;
  private final PageRoutes pages;
  private volatile String saveError;

  private ServeServer(
      ServeOptions options,
      Ingest ingest,
      History history,
      Notifier notifier,
      CacheWatch caches,
      Token token,
      HttpServer http,
      String version,
      PrintStream log) {
    this.options = options;
    this.ingest = ingest;
    this.history = history;
    this.notifier = notifier;
    this.caches = caches;
    this.export =
        new MetricsExport(
            ingest,
            caches,
            version,
            () -> {
              List<MetricSnapshot> m = new ArrayList<>(HistoryMetrics.of(history));
              m.addAll(NotifyMetrics.of(notifier));
              return m;
            });
    this.token = token;
    this.http = http;
    this.log = log;
    this.pages = new PageRoutes(new PageData(ingest, history, caches, Clock.systemUTC()));
    this.handling = new Semaphore(Math.max(4, options.maxConnections() / 2));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "serve-timer");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts with the history in the data directory ({@link HistoryOptions#DEFAULT}). */
  public static ServeServer start(ServeOptions o, String version, PrintStream log)
      throws IOException {
    return start(o, HistoryOptions.DEFAULT, version, log);
  }

  /**
   * Opens the data directory (counting what the journal holds past the state) and the history, and
   * starts.
   */
  public static ServeServer start(ServeOptions o, HistoryOptions h, String version, PrintStream log)
      throws IOException {
    return start(o, h, NotifyOptions.NONE, version, log);
  }

  /**
   * Opens the data directory (counting what the journal holds past the state) and the history,
   * starts the notifier, and starts.
   */
  public static ServeServer start(
      ServeOptions o, HistoryOptions h, NotifyOptions n, String version, PrintStream log)
      throws IOException {
    java.nio.file.Files.createDirectories(o.dataDir());
    String secret =
        n.secretFile() == null ? null : SecretFile.read(n.secretFile(), "the webhook secret file");
    Token token =
        o.tokenFile() != null ? Token.fromFile(o.tokenFile()) : Token.inDataDir(o.dataDir());
    LabelPolicy labels = new LabelPolicy(o.labelNames(), o.maxLabelValues());
    History history =
        h.databaseUrl() == null
            ? History.openSqlite(
                o.dataDir().resolve(History.DEFAULT_FILE), h.retention(), Clock.systemUTC())
            : History.open(h.databaseUrl(), h.retention(), Clock.systemUTC());
    Ingest ingest;
    try {
      ingest =
          new Ingest(
              o.dataDir(), labels, o.dedupWindow(), o.keepSegments(), Clock.systemUTC(), history);
    } catch (IOException | RuntimeException e) {
      history.close();
      throw e;
    }
    HttpServer http;
    try {
      http = HttpServer.create(o.listen(), 128);
    } catch (IOException e) {
      ingest.close();
      history.close();
      throw new IOException(
          "cannot listen on "
              + o.listen().getHostString()
              + ":"
              + o.listen().getPort()
              + ": "
              + e.getMessage()
              + " (another serve, or another program, has the port?)",
          e);
    }
    CacheWatch caches = new CacheWatch(o.caches(), Clock.systemUTC(), log);
    Notifier notifier = new Notifier(n.webhooks(), secret, n.policy(), Clock.systemUTC(), log);
    ServeServer s =
        new ServeServer(o, ingest, history, notifier, caches, token, http, version, log);
    http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    http.createContext("/", s::handle);
    s.timer.scheduleWithFixedDelay(
        s::save, o.saveEvery().toMillis(), o.saveEvery().toMillis(), TimeUnit.MILLISECONDS);
    s.timer.scheduleWithFixedDelay(s::prune, 0, h.pruneEvery().toMillis(), TimeUnit.MILLISECONDS);
    if (!o.caches().isEmpty()) {
      s.timer.scheduleWithFixedDelay(
          caches::refresh, 0, o.refresh().toMillis(), TimeUnit.MILLISECONDS);
      if (!o.verifyEvery().isZero()) {
        s.timer.scheduleWithFixedDelay(
            caches::verify, 0, o.verifyEvery().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    http.start();
    s.save();
    return s;
  }

  public InetSocketAddress address() {
    return http.getAddress();
  }

  /** The history serve writes: for the jobs it runs and the page it shows. */
  public History history() {
    return history;
  }

  /** Where the jobs announce what their runs changed. */
  public Notifier notifier() {
    return notifier;
  }

  private void prune() {
    try {
      History.Pruned p = history.prune();
      if (p.reports() + p.runs() + p.findings() > 0) {
        log.printf(
            "gocachectl serve: history: removed %d report(s), %d run(s), %d finding(s) past the"
                + " retention%n",
            p.reports(), p.runs(), p.findings());
      }
    } catch (IOException | RuntimeException e) {
      log.println("gocachectl serve: " + e.getMessage()); // also on /healthz and in the metrics
    }
  }

  private void save() {
    try {
      ingest.save();
      saveError = null;
    } catch (IOException | RuntimeException e) {
      String m = "cannot save the counters in " + options.dataDir() + ": " + e.getMessage();
      if (!m.equals(saveError)) {
        log.println("gocachectl serve: " + m);
      }
      saveError = m;
    }
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      if (!handling.tryAcquire(10, TimeUnit.SECONDS)) {
        text(x, 503, "busy: too many requests at once; try again\n");
        return;
      }
      try {
        route(x);
      } finally {
        handling.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      // the client went away, or a bug: answer if still possible, never take serve down
      try {
        text(x, 500, "internal error\n");
      } catch (IOException | RuntimeException ignored) {
        // nothing more to do for this client
      }
      if (!(e instanceof IOException)) {
        log.println("gocachectl serve: " + x.getRequestURI().getPath() + ": " + e);
      }
    }
  }

  private void route(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    String method = x.getRequestMethod();
    x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    x.getResponseHeaders().set("Cache-Control", "no-store");
    switch (path) {
      case "/metrics" -> {
        if (!method.equals("GET") && !method.equals("HEAD")) {
          notAllowed(x, "GET");
          return;
        }
        ExpositionFormatWriter w =
            MetricsExport.writerFor(x.getRequestHeaders().getFirst("Accept"));
        ByteArrayOutputStream b = new ByteArrayOutputStream(1 << 16);
        export.write(b, w);
        x.getResponseHeaders().set("Content-Type", w.getContentType());
        send(x, 200, b.toByteArray());
      }
      case "/healthz" -> {
        String e = saveError;
        History.Health hh = history.health();
        boolean ok = e == null && hh.ok();
        json(
            x,
            ok ? 200 : 503,
            g -> {
              g.writeStringField("status", ok ? "ok" : "failing");
              if (e != null) {
                g.writeStringField("error", e);
              }
              if (!hh.ok()) {
                g.writeObjectFieldStart("history");
                g.writeStringField("problem", hh.problem().id());
                g.writeStringField("error", hh.message());
                g.writeStringField("since", hh.since().toString());
                g.writeEndObject();
              }
            });
      }
      case "/api/reports" -> {
        switch (method) {
          case "POST" -> post(x);
          case "GET" -> list(x);
          default -> notAllowed(x, "GET, POST");
        }
      }
      case "/api/jobs", "/api/findings" -> {
        if (!method.equals("GET")) {
          notAllowed(x, "GET");
          return;
        }
        read(x, path);
      }
      case "/api/status" -> {
        if (!method.equals("GET")) {
          notAllowed(x, "GET");
          return;
        }
        status(x);
      }
      default -> {
        if (path.startsWith("/api/jobs/") && path.endsWith("/runs")) {
          if (!method.equals("GET")) {
            notAllowed(x, "GET");
            return;
          }
          read(x, path);
          return;
        }
        if (PageRoutes.handles(path)) {
          pages.handle(x, path);
          return;
        }
        text(
            x,
            404,
            "not found: serve answers /, /runners, /jobs/NAME, /metrics, /healthz, /api/reports,"
                + " /api/jobs, /api/jobs/NAME/runs, /api/findings and /api/status\n");
      }
    }
  }

  private void post(HttpExchange x) throws IOException {
    if (!token.admits(x.getRequestHeaders().getFirst("Authorization"))) {
      ingest.refused("unauthorized");
      x.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      json(
          x,
          401,
          g ->
              g.writeStringField(
                  "error",
                  "a write needs Authorization: Bearer TOKEN (the token of serve --token-file)"));
      return;
    }
    String length = x.getRequestHeaders().getFirst("Content-Length");
    long max = options.maxBodyBytes();
    if (length != null) {
      long n;
      try {
        n = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 0) {
        ingest.refused("bad-request");
        json(x, 400, g -> g.writeStringField("error", "Content-Length is not a number"));
        return;
      }
      if (n > max) {
        tooLarge(x, max);
        return;
      }
    }
    byte[] body;
    try (InputStream in = x.getRequestBody()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    }
    if (body.length > max) {
      tooLarge(x, max);
      return;
    }
    List<String> lines =
        new ArrayList<>(List.of(new String(body, StandardCharsets.UTF_8).split("\n", -1)));
    Ingest.Result r;
    try {
      r = ingest.take(lines);
    } catch (HistoryException e) {
      log.println("gocachectl serve: " + e.getMessage());
      json(
          x,
          503,
          g ->
              g.writeStringField(
                  "error",
                  "serve cannot store reports right now (its history database is "
                      + e.problem().id()
                      + "); send again later"));
      return;
    } catch (IOException e) {
      log.println("gocachectl serve: cannot write the report journal: " + e.getMessage());
      json(
          x,
          503,
          g ->
              g.writeStringField(
                  "error",
                  "serve cannot store reports right now (its data directory); send again later"));
      return;
    }
    int code = r.accepted() + r.duplicates() == 0 ? 400 : 200;
    if (r.accepted() + r.duplicates() + r.rejected() == 0) {
      ingest.refused("bad-request");
    }
    json(
        x,
        code,
        g -> {
          g.writeNumberField("accepted", r.accepted());
          g.writeNumberField("duplicates", r.duplicates());
          g.writeNumberField("rejected", r.rejected());
          g.writeArrayFieldStart("errors");
          for (String e : r.errors()) {
            g.writeString(e);
          }
          g.writeEndArray();
        });
  }

  private void tooLarge(HttpExchange x, long max) throws IOException {
    ingest.refused("too-large");
    x.getResponseHeaders().set("Connection", "close");
    json(
        x,
        413,
        g ->
            g.writeStringField(
                "error", "the body is over " + max + " bytes; send fewer reports at once"));
  }

  private void list(HttpExchange x) throws IOException {
    PageRequest page;
    try {
      page =
          Query.parse(x.getRequestURI().getRawQuery(), Set.of("size", "limit", "cursor"))
              .page(DEFAULT_PAGE);
    } catch (IllegalArgumentException e) {
      badRequest(x, e);
      return;
    }
    Page<StoredReport> p = history.reports(page);
    StringBuilder b = new StringBuilder(p.items().size() * 700 + 64).append("{\"reports\":[");
    for (int i = 0; i < p.items().size(); i++) {
      b.append(i == 0 ? "" : ",").append(p.items().get(i).report().toJsonLine().strip());
    }
    b.append("],\"next\":")
        .append(p.next() == null ? "null" : "\"" + p.next() + "\"")
        .append("}\n");
    x.getResponseHeaders().set("Content-Type", "application/json");
    send(x, 200, b.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code /api/jobs}, {@code /api/jobs/NAME/runs}, {@code /api/findings}. */
  private void read(HttpExchange x, String path) throws IOException {
    String q = x.getRequestURI().getRawQuery();
    try {
      if (path.equals("/api/jobs")) {
        Query.parse(q, Set.of());
        List<JobRun> last = history.lastRuns();
        json(
            x,
            200,
            g -> {
              g.writeArrayFieldStart("jobs");
              for (JobRun r : last) {
                g.writeStartObject();
                g.writeStringField("name", r.job().value());
                g.writeFieldName("lastRun");
                HistoryJson.run(g, r);
                g.writeEndObject();
              }
              g.writeEndArray();
            });
      } else if (path.equals("/api/findings")) {
        Query query = Query.parse(q, Set.of("state", "size", "cursor"));
        FindingFilter state =
            query.get("state") == null
                ? FindingFilter.OPEN
                : FindingFilter.ofId(query.get("state"));
        Page<Finding> p = history.findings(state, query.page(DEFAULT_PAGE));
        json(
            x,
            200,
            g -> {
              g.writeStringField("state", state.id());
              g.writeArrayFieldStart("findings");
              for (Finding f : p.items()) {
                HistoryJson.finding(g, f);
              }
              g.writeEndArray();
              next(g, p);
            });
      } else {
        String name = path.substring("/api/jobs/".length(), path.length() - "/runs".length());
        JobName job = new JobName(name);
        Page<JobRun> p =
            history.runs(job, Query.parse(q, Set.of("size", "cursor")).page(DEFAULT_PAGE));
        json(
            x,
            200,
            g -> {
              g.writeStringField("job", job.value());
              g.writeArrayFieldStart("runs");
              for (JobRun r : p.items()) {
                HistoryJson.run(g, r);
              }
              g.writeEndArray();
              next(g, p);
            });
      }
    } catch (IllegalArgumentException e) {
      badRequest(x, e);
    } catch (HistoryException e) {
      json(
          x,
          503,
          g ->
              g.writeStringField(
                  "error", "the history cannot be read right now (" + e.problem().id() + ")"));
    }
  }

  private static void next(JsonGenerator g, Page<?> p) throws IOException {
    if (p.next() == null) {
      g.writeNullField("next");
    } else {
      g.writeStringField("next", p.next().toString());
    }
  }

  private static void badRequest(HttpExchange x, IllegalArgumentException e) throws IOException {
    json(x, 400, g -> g.writeStringField("error", e.getMessage()));
  }

  private void status(HttpExchange x) throws IOException {
    var counts = ingest.snapshot();
    json(
        x,
        200,
        g -> {
          double received = 0;
          for (var e : counts.entrySet()) {
            if (e.getKey().family().equals(ReportMetrics.RECEIVED)) {
              received += e.getValue()[0];
            }
          }
          g.writeNumberField("reportsReceived", (long) received);
          g.writeNumberField("series", counts.size());
          g.writeObjectFieldStart("labels");
          for (var e : ingest.labels().seen().entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (String v : e.getValue()) {
              g.writeString(v);
            }
            g.writeEndArray();
          }
          g.writeEndObject();
          g.writeArrayFieldStart("caches");
          for (WatchedCache c : caches.caches()) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeStringField("kind", c.kind());
            g.writeStringField("dir", c.dir().toString());
            g.writeEndObject();
          }
          g.writeEndArray();
        });
  }

  /** Writes the fields of a JSON object answer. */
  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static void json(HttpExchange x, int code, Fields f) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(b, JsonEncoding.UTF8)) {
      g.writeStartObject();
      f.write(g);
      g.writeEndObject();
    }
    b.write('\n');
    x.getResponseHeaders().set("Content-Type", "application/json");
    send(x, code, b.toByteArray());
  }

  private static void notAllowed(HttpExchange x, String allow) throws IOException {
    x.getResponseHeaders().set("Allow", allow);
    text(x, 405, "method not allowed: use " + allow + "\n");
  }

  private static void text(HttpExchange x, int code, String s) throws IOException {
    x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    send(x, code, s.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange x, int code, byte[] body) throws IOException {
    boolean head = x.getRequestMethod().equals("HEAD");
    x.sendResponseHeaders(code, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Stops taking requests, saves the counters. */
  @Override
  public void close() throws IOException {
    http.stop(1);
    timer.shutdownNow();
    try {
      notifier.close(java.time.Duration.ofSeconds(5));
      ingest.close();
    } finally {
      history.close();
    }
  }
}
