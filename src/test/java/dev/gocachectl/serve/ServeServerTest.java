package dev.gocachectl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.prog.BuildReport;
import dev.gocachectl.testing.PrometheusTools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve in this JVM on a free loopback port, driven over HTTP: the token, the size limit, bad and
 * hostile reports, duplicates, bounded labels, the exposition checked by promtool, and counters
 * that survive a restart and a kill.
 */
class ServeServerTest {
  @TempDir Path tmp;
  Path data;
  ServeServer server;
  String token;
  final HttpClient http = HttpClient.newHttpClient();
  final java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();

  @BeforeEach
  void start() throws IOException {
    data = tmp.resolve("data");
    server = start(2, 4096);
    token = Files.readString(data.resolve("token")).strip();
  }

  ServeServer start(int maxValues, long maxBody) throws IOException {
    return ServeServer.start(
        options(data, maxValues, maxBody), "test", new java.io.PrintStream(log, true));
  }

  /** serve on a free loopback port, watching no cache, saving hourly. */
  static ServeOptions options(Path data, int maxValues, long maxBody) {
    return new ServeOptions(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        data,
        null,
        LabelPolicy.DEFAULT_NAMES,
        maxValues,
        maxBody,
        32,
        List.of(),
        Duration.ofMinutes(5),
        Duration.ZERO,
        Duration.ofHours(1),
        1000,
        4,
        dev.gocachectl.config.ServeConfig.empty());
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    http.close();
  }

  static String id() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "%016x%016x".formatted(r.nextLong(), r.nextLong());
  }

  static String report(String id, String repo, String command) {
    return dev.gocachectl.prog.BuildReportSamples.line(id, repo, command);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }

  HttpResponse<String> post(String body, String auth) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri("/api/reports")).POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  String get(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /**
   * A scrape after one that showed the new series at zero ({@link CounterStore}): what a scraper
   * that saw them appear reads.
   */
  String metrics() throws Exception {
    get("/metrics");
    return get("/metrics");
  }

  @Test
  void aNewLabelSetIsScrapedAtZeroFirstSoThatARateSeesItsFirstReport() throws Exception {
    assertThat(post(report(id(), "shop", "go build"), "Bearer " + token).statusCode())
        .isEqualTo(200);
    String first = get("/metrics");
    assertThat(value(first, "gocachectl_go_gets_total" + SHOP)).isZero();
    assertThat(value(first, "gocachectl_reports_received_total" + SHOP)).isZero();
    String second = get("/metrics");
    assertThat(value(second, "gocachectl_go_gets_total" + SHOP)).isEqualTo(10);
    assertThat(value(second, "gocachectl_reports_received_total" + SHOP)).isEqualTo(1);
    // a series seen by a scrape counts the next report at once
    assertThat(post(report(id(), "shop", "go build"), "Bearer " + token).statusCode())
        .isEqualTo(200);
    assertThat(value(get("/metrics"), "gocachectl_go_gets_total" + SHOP)).isEqualTo(20);
    // the status page and the state file have every count from the start
    assertThat(get("/api/status")).contains("\"reportsReceived\":2");
  }

  static double value(String scrape, String series) {
    for (String l : scrape.lines().toList()) {
      if (l.startsWith(series + " ")) {
        return Double.parseDouble(l.substring(series.length() + 1));
      }
    }
    return Double.NaN;
  }

  static final String SHOP =
      "{arch=\"amd64\",branch=\"\",os=\"linux\",pipeline=\"\",repo=\"shop\"}";

  @Test
  void aReportIsCountedOnceAndExportedForPromtool() throws Exception {
    String line = report(id(), "shop", "go build ./...");
    assertThat(post(line, "Bearer " + token).statusCode()).isEqualTo(200);
    HttpResponse<String> again = post(line, "Bearer " + token);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("\"duplicates\":1");
    String m = metrics();
    assertThat(value(m, "gocachectl_go_gets_total" + SHOP)).isEqualTo(10);
    assertThat(value(m, "gocachectl_reports_received_total" + SHOP)).isEqualTo(1);
    assertThat(value(m, "gocachectl_reports_duplicate_total")).isEqualTo(1);
    assertThat(
            value(
                m,
                "gocachectl_go_commands_total{arch=\"amd64\",branch=\"\",os=\"linux\","
                    + "pipeline=\"\",repo=\"shop\",verb=\"build\"}"))
        .isEqualTo(1);
    PrometheusTools.Run lint = PrometheusTools.promtool(m, "check", "metrics");
    assertThat(lint.exitCode()).as(lint.output()).isZero();
  }

  @Test
  void writesNeedTheTokenAndRefusalsAreCounted() throws Exception {
    String line = report(id(), "shop", "go build");
    assertThat(post(line, null).statusCode()).isEqualTo(401);
    assertThat(post(line, "Bearer " + token + "x").statusCode()).isEqualTo(401);
    assertThat(post(line, "Basic " + token).statusCode()).isEqualTo(401);
    String m = metrics();
    assertThat(value(m, "gocachectl_reports_rejected_total{reason=\"unauthorized\"}")).isEqualTo(3);
    assertThat(m).doesNotContain("gocachectl_go_gets_total{");
  }

  @Test
  void anOversizedBodyIs413AndCounted() throws Exception {
    String big = report(id(), "shop", "go build").repeat(8); // > 4096 bytes
    HttpResponse<String> r = post(big, "Bearer " + token);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("over 4096 bytes");
    assertThat(value(metrics(), "gocachectl_reports_rejected_total{reason=\"too-large\"}"))
        .isEqualTo(1);
  }

  @Test
  void malformedLinesAre400NamingTheLineAndGoodOnesInTheSameBodyCount() throws Exception {
    HttpResponse<String> bad = post("{\"id\":1}\nnot json\n", "Bearer " + token);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("line 1:").contains("line 2:");
    HttpResponse<String> mixed =
        post("garbage\n" + report(id(), "shop", "go build"), "Bearer " + token);
    assertThat(mixed.statusCode()).isEqualTo(200);
    assertThat(mixed.body()).contains("\"accepted\":1").contains("\"rejected\":1");
    String m = metrics();
    assertThat(value(m, "gocachectl_reports_rejected_total{reason=\"malformed\"}")).isEqualTo(3);
    assertThat(value(m, "gocachectl_reports_received_total" + SHOP)).isEqualTo(1);
  }

  @Test
  void hostileStringsAreStoredEscapedAndNeverBecomeLabels() throws Exception {
    String nasty = "<script>alert('x')</script>\u0001\u001b[2J";
    String line = report(id(), nasty, "go build " + nasty);
    assertThat(post(line, "Bearer " + token).statusCode()).isEqualTo(200);
    String stored = get("/api/reports?limit=5");
    assertThat(stored).doesNotContain("\u0001").doesNotContain("\u001b");
    // the stored line is JSON that reads back as the report sent
    String prefix = "{\"reports\":[";
    String suffix = "],\"next\":null}";
    assertThat(stored.strip()).startsWith(prefix).endsWith(suffix);
    String obj =
        stored.strip().substring(prefix.length(), stored.strip().length() - suffix.length());
    assertThat(BuildReport.parse(obj)).isEqualTo(BuildReport.parse(line));
    String m = metrics();
    assertThat(m).doesNotContain("<script>").contains("repo=\"other\"");
    assertThat(
            value(m, "gocachectl_label_values_replaced_total{label=\"repo\",reason=\"invalid\"}"))
        .isEqualTo(1);
  }

  @Test
  void labelValuesPastTheBoundBecomeOther() throws Exception {
    for (String repo : List.of("a", "b", "c", "d", "a")) {
      assertThat(post(report(id(), repo, "go build"), "Bearer " + token).statusCode())
          .isEqualTo(200);
    }
    String m = metrics();
    assertThat(m).contains("repo=\"a\"").contains("repo=\"b\"").doesNotContain("repo=\"c\"");
    assertThat(
            value(
                m,
                "gocachectl_reports_received_total{arch=\"amd64\",branch=\"\",os=\"linux\","
                    + "pipeline=\"\",repo=\"other\"}"))
        .isEqualTo(2);
    assertThat(
            value(m, "gocachectl_label_values_replaced_total{label=\"repo\",reason=\"overflow\"}"))
        .isEqualTo(2);
  }

  @Test
  void countersSurviveARestartAndAResendAfterItIsStillADuplicate() throws Exception {
    String line = report(id(), "shop", "go build");
    post(line, "Bearer " + token);
    server.close();
    server = start(2, 4096);
    assertThat(value(metrics(), "gocachectl_go_gets_total" + SHOP)).isEqualTo(10);
    assertThat(post(line, "Bearer " + token).body()).contains("\"duplicates\":1");
    assertThat(value(metrics(), "gocachectl_go_gets_total" + SHOP)).isEqualTo(10);
  }

  @Test
  void anAcknowledgedReportIsCountedAfterACrashBeforeTheCountersWereSaved() throws Exception {
    server.close();
    Path d2 = tmp.resolve("crash");
    LabelPolicy labels = new LabelPolicy(LabelPolicy.DEFAULT_NAMES, 10);
    Ingest killed = new Ingest(d2, labels, 1000, 4, Clock.systemUTC());
    killed.save();
    String line = report(id(), "shop", "go build");
    assertThat(killed.take(List.of(line, report(id(), "shop", "go test"))).accepted()).isEqualTo(2);
    // no save, no close: as if killed. A torn line (a write cut short) follows.
    Files.writeString(
        d2.resolve("reports").resolve("000000000001.jsonl"),
        "1765100000 {\"id\":\"01",
        java.nio.file.StandardOpenOption.APPEND);
    Ingest back =
        new Ingest(d2, new LabelPolicy(LabelPolicy.DEFAULT_NAMES, 10), 1000, 4, Clock.systemUTC());
    Map<Series, double[]> s = back.snapshot();
    double gets =
        s.entrySet().stream()
            .filter(e -> e.getKey().family().equals(ReportMetrics.GETS))
            .mapToDouble(e -> e.getValue()[0])
            .sum();
    assertThat(gets).isEqualTo(20);
    assertThat(back.take(List.of(line)).duplicates()).isEqualTo(1);
    back.close();
    server = start(2, 4096); // for @AfterEach
  }

  @Test
  void healthAndUnknownPathsAndMethods() throws Exception {
    assertThat(get("/healthz")).contains("\"status\":\"ok\"");
    HttpResponse<String> nf =
        http.send(
            HttpRequest.newBuilder(uri("/etc/passwd")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(nf.statusCode()).isEqualTo(404);
    HttpResponse<String> del =
        http.send(
            HttpRequest.newBuilder(uri("/metrics")).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(del.statusCode()).isEqualTo(405);
    assertThat(get("/api/reports?limit=100000")).contains("limit must be");
  }

  @Test
  void aTokenFileOthersCanReadIsRefused() throws Exception {
    Path f = tmp.resolve("token");
    Files.writeString(f, "0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Token.fromFile(f))
        .hasMessageContaining("chmod 600");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    assertThat(Token.fromFile(f).admits("Bearer 0123456789abcdef0123456789abcdef")).isTrue();
  }
}
