package dev.gocachectl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.prog.BuildReportSamples;
import dev.gocachectl.testing.PrometheusServer;
import dev.gocachectl.testing.ServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's) scraping serve on loopback every second, with OpenMetrics negotiated
 * as Prometheus does by default: every dashboard query returns data from it, and the fleet hit
 * ratio is what the reports imply.
 */
class ServePrometheusTest {
  @TempDir Path tmp;

  @Test
  void everyDashboardQueryReturnsDataFromARealPrometheus() throws Exception {
    ServeOptions o = ServeServerTest.options(tmp.resolve("data"), 10, 1 << 20);
    try (ServeServer serve =
            ServeServer.start(o, "test", new PrintStream(new ByteArrayOutputStream()));
        HttpClient http = HttpClient.newHttpClient()) {
      String token = Files.readString(tmp.resolve("data/token")).strip();
      String base = "http://127.0.0.1:" + serve.address().getPort();
      try (PrometheusServer prometheus = PrometheusServer.scraping(serve.address().getPort())) {
        // ten reports of 10 gets, 4 hits each: the hit ratio is 0.4
        for (int i = 0; i < 10; i++) {
          post(http, base, token, "shop");
        }
        String total =
            "sum(gocachectl_go_hits_total{repo=\"shop\"}) / sum(gocachectl_go_gets_total)";
        String[] answer = new String[1];
        ServerProcess.pollUntil(
            () -> {
              answer[0] = prometheus.query(total);
              return answer[0].contains("\"0.4\"");
            },
            "Prometheus to scrape serve and answer the hit ratio 0.4");
        for (String expr :
            ServeDeployFilesTest.dashboardQueries(
                Path.of("deploy/grafana/gocachectl-fleet.json"))) {
          String e = expr.replace("[5m]", "[30s]");
          if (e.contains("gocachectl_cache_")
              || e.contains("gocachectl_disk_")
              || e.contains("gocachectl_verify_")) {
            continue; // no cache watched here: ServeDeployFilesTest covers those names
          }
          String r = prometheus.query(e);
          assertThat(r).as(e).contains("\"status\":\"success\"");
          // a rate needs two scrapes in its range: wait for the second, a minute at most
          ServerProcess.pollUntil(
              () -> !prometheus.query(e).contains("\"result\":[]"), "data for " + e);
        }
      }
    }
  }

  /**
   * Prometheus's increase() measures steps between samples: the first report of a label set must be
   * a step from a zero sample, not the series' first sample.
   */
  @Test
  void theFirstReportOfANewLabelSetShowsInIncrease() throws Exception {
    try (ServeServer serve =
            ServeServer.start(
                ServeServerTest.options(tmp.resolve("data"), 10, 1 << 20),
                "test",
                new PrintStream(new ByteArrayOutputStream()));
        HttpClient http = HttpClient.newHttpClient();
        PrometheusServer prometheus = PrometheusServer.scraping(serve.address().getPort())) {
      String token = Files.readString(tmp.resolve("data/token")).strip();
      prometheus.awaitValues("sum(up)", v -> v.getOrDefault("", 0.0) == 1); // serve scraped
      HttpResponse<String> r =
          post(http, "http://127.0.0.1:" + serve.address().getPort(), token, "fresh");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      String gets = "sum(gocachectl_go_gets_total{repo=\"fresh\"})";
      prometheus.awaitValues(gets, v -> v.getOrDefault("", 0.0) == 10);
      // the series was scraped at zero before its first report's 10 gets
      String series = "gocachectl_go_gets_total{repo=\"fresh\"}[5m]";
      assertThat(prometheus.values("sum(min_over_time(" + series + "))")).containsEntry("", 0.0);
      Double increase = prometheus.values("sum(increase(" + series + "))").get("");
      assertThat(increase).as("increase() over the first report").isNotNull().isPositive();
    }
  }

  /** Posts one sample report of {@code repo} (10 gets, 4 hits). */
  private static HttpResponse<String> post(HttpClient http, String base, String token, String repo)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/api/reports"))
            .header("Authorization", "Bearer " + token)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    BuildReportSamples.line(ServeServerTest.id(), repo, "go build")))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
