package dev.gocachectl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.history.History;
import dev.gocachectl.history.Retention;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history database that is full or read-only (SQLite's own errors: a page limit, a read-only
 * open): writes are refused with 503, {@code /healthz} says why, the metrics count it, serve keeps
 * answering.
 */
class ServeHistoryHealthTest {
  @TempDir Path tmp;
  ServeServer server;
  final HttpClient http = HttpClient.newHttpClient();
  final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    http.close();
  }

  void start(Path data, String url) throws Exception {
    server =
        ServeServer.start(
            ServeServerTest.options(data, 10, 1 << 20),
            new HistoryOptions(url, Retention.DEFAULT, HistoryOptions.DEFAULT_PRUNE_EVERY),
            "test",
            new PrintStream(log, true));
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(Path data, int reports) throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < reports; i++) {
      b.append(ServeServerTest.report(ServeServerTest.id(), "shop", "go build"));
    }
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.address().getPort() + "/api/reports"))
            .header("Authorization", "Bearer " + Files.readString(data.resolve("token")).strip())
            .POST(HttpRequest.BodyPublishers.ofString(b.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aFullDatabaseRefusesReportsWith503AndSaysSoOnHealthzAndInTheMetrics() throws Exception {
    Path data = tmp.resolve("data");
    // SQLite's own limit on the file's pages: past it, every write fails with SQLITE_FULL, as on
    // a full disk
    start(data, "jdbc:sqlite:" + data.resolve(History.DEFAULT_FILE) + "?max_page_count=60");
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    int accepted = 0;
    HttpResponse<String> r;
    while ((r = post(data, 50)).statusCode() == 200) {
      accepted += 50;
      assertThat(accepted).as("the database never filled").isLessThan(100_000);
    }
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("its history database is full").contains("send again later");
    HttpResponse<String> health = get("/healthz");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body())
        .contains("\"status\":\"failing\"")
        .contains("\"problem\":\"full\"")
        .contains(data.resolve(History.DEFAULT_FILE).toString())
        .contains("free space");
    String metrics = get("/metrics").body();
    assertThat(metrics)
        .contains("gocachectl_history_up{problem=\"full\"} 0")
        .containsPattern("gocachectl_history_failures_total\\{problem=\"full\"} [1-9]");
    // what was acknowledged is still there, and serve still answers
    assertThat(get("/api/reports?size=1000").body()).contains("\"id\":\"");
    assertThat(server.history().reportCount()).isEqualTo(accepted);
  }

  @Test
  void aReadOnlyDatabaseRefusesReportsWith503AndSaysSoOnHealthz() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Path db = data.resolve(History.DEFAULT_FILE);
    History.openSqlite(db, Retention.DEFAULT, Clock.systemUTC()).close();
    // opened read-only (SQLITE_OPEN_READONLY): SQLite refuses every write, as on a read-only mount
    start(data, "jdbc:sqlite:" + db + "?open_mode=1");
    HttpResponse<String> r = post(data, 3);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("its history database is read-only");
    HttpResponse<String> health = get("/healthz");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).contains("\"problem\":\"read-only\"").contains("make it writable");
    assertThat(get("/metrics").body()).contains("gocachectl_history_up{problem=\"read-only\"} 0");
    assertThat(log.toString()).contains("the history database " + db);
  }
}
