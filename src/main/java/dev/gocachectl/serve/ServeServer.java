package dev.gocachectl.serve;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code gocachectl serve}: the JDK's HTTP server on virtual threads.
 *
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text, or OpenMetrics when asked ({@link MetricsExport}).
 *   <li>{@code GET /healthz}: {@code 200 {"status":"ok"}}, or 503 with the reason when the counters
 *       cannot be saved.
 *   <li>{@code POST /api/reports}: one report line or several (newline-separated JSON, {@code
 *       BuildReport}'s format), with {@code Authorization: Bearer TOKEN}. Answers {@code
 *       {"accepted":N,"duplicates":N,"rejected":N,"errors":["line 2: ..."]}}: 200 when at least one
 *       line was good (or none was sent twice), 400 when every line was malformed, 401 without the
 *       token, 413 over the size limit. A 200 means the reports are in the journal.
 *   <li>{@code GET /api/reports?limit=N}: the newest reports (at most 1000), newest first, as a
 *       JSON array of report objects.
 *   <li>{@code GET /api/status}: the counts, the label values in use and the caches watched.
 * </ul>
 *
 * <p>Bounded: the request body ({@code maxBodyBytes}), the connections ({@code
 * sun.net.httpserver.maxConnections}, set by the command before the server class loads), the
 * requests handled at once, and the time a client may take to send a request ({@code
 * sun.net.httpserver.maxReqTime}).
 */
public final class ServeServer implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_LIST = 1000;

  private final ServeOptions options;
  private final Ingest ingest;
  private final CacheWatch caches;
  private final MetricsExport export;
  private final Token token;
  private final HttpServer http;
  private final ScheduledExecutorService timer;
  private final Semaphore handling;
  private final PrintStream log;
  private volatile String saveError;

  private ServeServer(
      ServeOptions options,
      Ingest ingest,
      CacheWatch caches,
      Token token,
      HttpServer http,
      String version,
      PrintStream log) {
    this.options = options;
    this.ingest = ingest;
    this.caches = caches;
    this.export = new MetricsExport(ingest, caches, version);
    this.token = token;
    this.http = http;
    this.log = log;
    this.handling = new Semaphore(Math.max(4, options.maxConnections() / 2));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "serve-timer");
              t.setDaemon(true);
              return t;
            });
  }

  /** Opens the data directory (counting what the journal holds past the state) and starts. */
  public static ServeServer start(ServeOptions o, String version, PrintStream log)
      throws IOException {
    java.nio.file.Files.createDirectories(o.dataDir());
    Token token =
        o.tokenFile() != null ? Token.fromFile(o.tokenFile()) : Token.inDataDir(o.dataDir());
    LabelPolicy labels = new LabelPolicy(o.labelNames(), o.maxLabelValues());
    Ingest ingest =
        new Ingest(o.dataDir(), labels, o.dedupWindow(), o.keepSegments(), Clock.systemUTC());
    HttpServer http;
    try {
      http = HttpServer.create(o.listen(), 128);
    } catch (IOException e) {
      ingest.close();
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
    ServeServer s = new ServeServer(o, ingest, caches, token, http, version, log);
    http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    http.createContext("/", s::handle);
    s.timer.scheduleWithFixedDelay(
        s::save, o.saveEvery().toMillis(), o.saveEvery().toMillis(), TimeUnit.MILLISECONDS);
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
        json(
            x,
            e == null ? 200 : 503,
            g -> {
              g.writeStringField("status", e == null ? "ok" : "failing");
              if (e != null) {
                g.writeStringField("error", e);
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
      case "/api/status" -> {
        if (!method.equals("GET")) {
          notAllowed(x, "GET");
          return;
        }
        status(x);
      }
      default -> text(x, 404, "not found: serve answers /metrics, /healthz and /api/reports\n");
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
    int limit = 100;
    String q = x.getRequestURI().getRawQuery();
    if (q != null) {
      for (String kv : q.split("&")) {
        if (kv.startsWith("limit=")) {
          try {
            limit = Integer.parseInt(kv.substring(6));
          } catch (NumberFormatException e) {
            limit = -1;
          }
        }
      }
    }
    if (limit < 1 || limit > MAX_LIST) {
      json(x, 400, g -> g.writeStringField("error", "limit must be 1 to " + MAX_LIST));
      return;
    }
    List<String> lines = ingest.newest(limit);
    StringBuilder b = new StringBuilder(lines.size() * 700 + 2).append('[');
    for (int i = 0; i < lines.size(); i++) {
      b.append(i == 0 ? "" : ",").append(lines.get(i).strip()); // lines serve wrote itself
    }
    b.append("]\n");
    x.getResponseHeaders().set("Content-Type", "application/json");
    send(x, 200, b.toString().getBytes(StandardCharsets.UTF_8));
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
    ingest.close();
  }
}
