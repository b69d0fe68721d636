package dev.gocachectl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.history.Cursor;
import dev.gocachectl.history.History;
import dev.gocachectl.history.Page;
import dev.gocachectl.history.PageRequest;
import dev.gocachectl.history.Retention;
import dev.gocachectl.history.StoredReport;
import dev.gocachectl.testing.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A serve process killed (SIGKILL) while four senders post reports as fast as it takes them: the
 * history database opens afterwards, passes SQLite's integrity check and holds every report serve
 * acknowledged.
 */
class ServeKillTest {
  @TempDir Path tmp;

  static List<String> serveCommand(Path data, int port) {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp",
        System.getProperty("java.class.path"),
        "dev.gocachectl.cli.Main",
        "serve",
        "--data",
        data.toString(),
        "--listen",
        "127.0.0.1:" + port);
  }

  @Test
  void everyAcknowledgedReportIsInTheHistoryAfterAKillMidIngest() throws Exception {
    Path data = tmp.resolve("data");
    Set<String> acked = ConcurrentHashMap.newKeySet();
    AtomicBoolean killed = new AtomicBoolean();
    try (ServerProcess serve = ServerProcess.start("serve", tmp, p -> serveCommand(data, p));
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      String token = Files.readString(data.resolve("token")).strip();
      URI to = URI.create("http://127.0.0.1:" + serve.port() + "/api/reports");
      for (int s = 0; s < 4; s++) {
        senders.submit(
            () -> {
              while (!killed.get()) {
                List<String> ids = new ArrayList<>();
                StringBuilder body = new StringBuilder();
                for (int i = 0; i < 20; i++) {
                  String id = ServeServerTest.id();
                  ids.add(id);
                  body.append(ServeServerTest.report(id, "shop", "go build"));
                }
                try {
                  HttpResponse<String> r =
                      http.send(
                          HttpRequest.newBuilder(to)
                              .header("Authorization", "Bearer " + token)
                              .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  if (r.statusCode() == 200 && r.body().contains("\"accepted\":20")) {
                    acked.addAll(ids);
                  }
                } catch (java.io.IOException e) {
                  return null; // serve is gone
                }
              }
              return null;
            });
      }
      ServerProcess.pollUntil(() -> acked.size() >= 2000, "2000 reports acknowledged");
      serve.kill(); // mid-ingest: the senders are still sending
      killed.set(true);
      senders.shutdown();
      assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    Path db = data.resolve(History.DEFAULT_FILE);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
    Set<String> stored = new HashSet<>();
    try (History h = History.openSqlite(db, Retention.DEFAULT, Clock.systemUTC())) {
      Cursor next = null;
      do {
        Page<StoredReport> p = h.reports(new PageRequest(next, PageRequest.MAX_SIZE));
        p.items().forEach(r -> stored.add(r.report().id().toString()));
        next = p.next();
      } while (next != null);
    }
    assertThat(acked).hasSizeGreaterThanOrEqualTo(2000);
    assertThat(stored).containsAll(acked);
  }
}
