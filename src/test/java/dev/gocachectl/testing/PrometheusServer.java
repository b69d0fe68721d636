package dev.gocachectl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Prometheus server (installed by {@code scripts/test-services.sh}), scraping one target
 * on loopback every second, answering instant queries through its HTTP API.
 */
public final class PrometheusServer extends RunningServer {
  /** One sample of an instant query's vector: its labels as JSON text, then its value. */
  private static final Pattern SAMPLE =
      Pattern.compile("\\{\"metric\":\\{([^}]*)\\},\"value\":\\[[^,]+,\"([^\"]+)\"\\]\\}");

  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(ServerProcess process) {
    super(process);
  }

  /** Starts Prometheus scraping {@code /metrics} on 127.0.0.1:{@code targetPort} every second. */
  public static PrometheusServer scraping(int targetPort) {
    Path dir = ServerProcess.workDir("prometheus");
    Path config = dir.resolve("prometheus.yml");
    try {
      Files.writeString(
          config,
          """
          global:
            scrape_interval: 1s
          scrape_configs:
            - job_name: gocachectl
              static_configs:
                - targets: ['127.0.0.1:%d']
          """
              .formatted(targetPort));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PrometheusServer(
        ServerProcess.start(
            "prometheus",
            dir,
            port ->
                List.of(
                    RedisServer.executable("prometheus"),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + port)));
  }

  /** The API's JSON answer to an instant query (an exception's text if none came). */
  public String query(String expr) {
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + port()
                + "/api/v1/query?query="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    try {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e.toString();
    }
  }

  /**
   * An instant query's samples: each series' labels as Prometheus writes them ({@code
   * "cause":"new"}, empty for a bare number) to its value.
   */
  public Map<String, Double> values(String expr) {
    Map<String, Double> out = new LinkedHashMap<>();
    Matcher m = SAMPLE.matcher(query(expr));
    while (m.find()) {
      out.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return out;
  }

  /**
   * Polls the query until its samples satisfy {@code ok} (a scrape is due every second), for a
   * minute at most; returns them.
   */
  public Map<String, Double> awaitValues(String expr, Predicate<Map<String, Double>> ok) {
    List<Map<String, Double>> last = new ArrayList<>(List.of(Map.of()));
    try {
      ServerProcess.pollUntil(
          () -> {
            last.set(0, values(expr));
            return ok.test(last.getFirst());
          },
          "Prometheus: " + expr);
    } catch (IllegalStateException e) {
      throw new AssertionError(e.getMessage() + "; its last answer: " + last.getFirst(), e);
    }
    return last.getFirst();
  }

  @Override
  public void close() {
    http.close();
    super.close();
  }
}
