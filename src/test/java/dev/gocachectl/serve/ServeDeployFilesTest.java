package dev.gocachectl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.config.WatchedCache;
import dev.gocachectl.testing.PrometheusTools;
import dev.gocachectl.testing.ServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What deploy/ ships, held to the real tools: the alert rules pass {@code promtool check rules} and
 * their unit tests ({@code promtool test rules}, each alert firing once and once not), the
 * Alertmanager example passes {@code amtool check-config}, and the Grafana dashboard is
 * provisionable (stable uid, data source as a variable, unique panel IDs) with every panel query
 * parsed by promtool and naming only metrics a real scrape of serve exposes.
 */
public class ServeDeployFilesTest {
  static final Path DEPLOY = Path.of("deploy");
  static final Pattern METRIC = Pattern.compile("\\bgocachectl_[a-z_]+\\b");

  @TempDir Path tmp;

  @Test
  void alertRulesPassPromtoolAndTheirUnitTests() {
    Path rules = DEPLOY.resolve("prometheus/gocachectl-alerts.yml");
    PrometheusTools.Run check = PrometheusTools.promtool(null, "check", "rules", rules.toString());
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 8 rules found");
    PrometheusTools.Run test =
        PrometheusTools.promtool(
            null,
            "test",
            "rules",
            DEPLOY.resolve("prometheus/gocachectl-alerts.test.yml").toString());
    assertThat(test.exitCode()).as(test.output()).isZero();
  }

  @Test
  void everyAlertIsUnitTestedFiringAndNot() throws Exception {
    String rules = Files.readString(DEPLOY.resolve("prometheus/gocachectl-alerts.yml"));
    String tests = Files.readString(DEPLOY.resolve("prometheus/gocachectl-alerts.test.yml"));
    Matcher m = Pattern.compile("- alert: (\\w+)").matcher(rules);
    int n = 0;
    while (m.find()) {
      n++;
      String name = m.group(1);
      Matcher t =
          Pattern.compile("alertname: " + name + "\\n\\s+exp_alerts:( \\[\\])?").matcher(tests);
      boolean fires = false;
      boolean quiet = false;
      while (t.find()) {
        if (t.group(1) == null) {
          fires = true;
        } else {
          quiet = true;
        }
      }
      assertThat(fires && quiet).as(name + " is tested firing and not firing").isTrue();
    }
    assertThat(n).isEqualTo(8);
  }

  @Test
  void theAlertmanagerExamplePassesAmtool() {
    PrometheusTools.Run r =
        PrometheusTools.amtool(
            "check-config", DEPLOY.resolve("alertmanager/alertmanager.yml").toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  /** The dashboard's panel queries, with Grafana's variables given values promtool can parse. */
  public static List<String> dashboardQueries(Path dashboard) throws Exception {
    List<String> exprs = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(dashboard.toFile())) {
      for (JsonToken t; (t = p.nextToken()) != null; ) {
        if (t == JsonToken.FIELD_NAME && p.currentName().equals("expr")) {
          p.nextToken();
          exprs.add(p.getText().replace("$__rate_interval", "5m").replace("$repo", ".*"));
        }
      }
    }
    return exprs;
  }

  @Test
  void theDashboardIsProvisionableAndEveryQueryParsesAndNamesExportedMetrics() throws Exception {
    Path dashboard = DEPLOY.resolve("grafana/gocachectl-fleet.json");
    String json = Files.readString(dashboard);
    assertThat(json).contains("\"uid\": \"gocachectl-fleet\"");
    assertThat(json).contains("\"type\": \"datasource\"").contains("\"uid\": \"${datasource}\"");
    assertThat(json).doesNotContain("\"uid\": \"prometheus\"");
    Matcher ids = Pattern.compile("\"id\": (\\d+)").matcher(json);
    Set<String> seen = new LinkedHashSet<>();
    while (ids.find()) {
      assertThat(seen.add(ids.group(1))).as("panel id " + ids.group(1) + " unique").isTrue();
    }
    List<String> exprs = dashboardQueries(dashboard);
    assertThat(exprs).hasSizeGreaterThanOrEqualTo(14);

    // every query, as a recording rule, through promtool's parser
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    for (int i = 0; i < exprs.size(); i++) {
      rules.append("      - record: dashboard_query_").append(i).append('\n');
      rules.append("        expr: '").append(exprs.get(i).replace("'", "''")).append("'\n");
    }
    Path file = tmp.resolve("dashboard-rules.yml");
    Files.writeString(file, rules);
    PrometheusTools.Run check = PrometheusTools.promtool(null, "check", "rules", file.toString());
    assertThat(check.exitCode()).as(check.output()).isZero();

    // every metric named by a panel or an alert is in a real scrape
    String scrape = scrapeWithEverything();
    Set<String> exported = new TreeSet<>();
    for (String l : scrape.lines().toList()) {
      if (l.startsWith("# TYPE ")) {
        String[] w = l.split(" ", -1);
        exported.add(w[2]);
        if (w[3].equals("histogram")) {
          exported.add(w[2] + "_bucket");
        }
      }
    }
    Set<String> named = new TreeSet<>();
    Matcher m = METRIC.matcher(String.join("\n", exprs));
    while (m.find()) {
      named.add(m.group());
    }
    Matcher a =
        METRIC.matcher(
            Files.readString(DEPLOY.resolve("prometheus/gocachectl-alerts.yml"))
                .replaceAll("(?m)^\\s*(summary|description):.*$", ""));
    while (a.find()) {
      named.add(a.group());
    }
    assertThat(exported).containsAll(named);
  }

  /** A scrape of a serve that took a report with a remote tier and watches a verified cache. */
  String scrapeWithEverything() throws Exception {
    Path cache = tmp.resolve("gocache");
    CacheDir.create(cache);
    ServeOptions o =
        new ServeOptions(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            tmp.resolve("data"),
            null,
            LabelPolicy.DEFAULT_NAMES,
            10,
            1 << 20,
            16,
            List.of(new WatchedCache("ci", WatchedCache.GOCACHE, cache, 1L << 30)),
            Duration.ofMinutes(5),
            Duration.ofHours(1),
            Duration.ofHours(1),
            100,
            2,
            dev.gocachectl.config.ServeConfig.empty());
    try (ServeServer s =
            ServeServer.start(o, "test", new PrintStream(new ByteArrayOutputStream()));
        HttpClient http = HttpClient.newHttpClient()) {
      String token = Files.readString(tmp.resolve("data/token")).strip();
      String base = "http://127.0.0.1:" + s.address().getPort();
      String line =
          dev.gocachectl.prog.BuildReportSamples.line(
              ServeServerTest.id(), "shop", "go build ./...");
      http.send(
          HttpRequest.newBuilder(URI.create(base + "/api/reports"))
              .header("Authorization", "Bearer " + token)
              .POST(HttpRequest.BodyPublishers.ofString(line))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      String[] scrape = new String[1];
      ServerProcess.pollUntil(
          () -> {
            try {
              scrape[0] =
                  http.send(
                          HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body();
            } catch (Exception e) {
              return false;
            }
            return scrape[0].contains("gocachectl_verify_findings{")
                && scrape[0].contains("gocachectl_cache_size_bytes{");
          },
          "the watched cache's stats and verify in the scrape");
      return scrape[0];
    }
  }
}
