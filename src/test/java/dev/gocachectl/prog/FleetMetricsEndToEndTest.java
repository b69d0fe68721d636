package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.serve.ServeDeployFilesTest;
import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.FixtureModule;
import dev.gocachectl.testing.GoEnv;
import dev.gocachectl.testing.PrometheusServer;
import dev.gocachectl.testing.RedisServer;
import dev.gocachectl.testing.ServerProcess;
import dev.gocachectl.testing.TcpProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet metrics end to end: real go builds through {@code prog --report-to} with a Redis
 * remote, a real {@code gocachectl serve} process, and Debian's Prometheus scraping it; the
 * dashboard's own queries answer what the builds did; serve killed (SIGKILL) during a build, at the
 * moment it answers the build's report, and down for the next build: every build succeeds and, once
 * serve is back, every report is counted exactly once.
 */
@Tag("slow")
@Timeout(600)
class FleetMetricsEndToEndTest {
  private static final Path DASHBOARD = Path.of("deploy/grafana/gocachectl-fleet.json");

  @TempDir Path tmp;

  @Test
  void coldThenWarmBuildsShowOnTheDashboardAndServeKilledLosesNoReport() throws Exception {
    Path module = FixtureModule.write(tmp.resolve("mod")).dir();
    // a package of no imports: one compile action, run first in each phase (see measure)
    Files.createDirectories(module.resolve("leaf"));
    Files.writeString(module.resolve("leaf/leaf.go"), "package leaf\n\nconst Answer = 42\n");
    Path data = tmp.resolve("data");
    try (RedisServer redis = RedisServer.start();
        ServerProcess serve =
            ServerProcess.start("serve", tmp, p -> ReportSendTest.serveCommand(data, p));
        PrometheusServer prometheus = PrometheusServer.scraping(serve.port());
        TcpProxy proxy = TcpProxy.to(serve.port())) {
      // the builds reach serve through a proxy, which can lose serve's answer as serve dies
      String url = "http://127.0.0.1:" + proxy.port();
      String token = Files.readString(data.resolve("token")).strip();
      String remote = "redis://127.0.0.1:" + redis.port() + "?prefix=e2e&max-object=64MiB";
      Builds builds = new Builds(module, remote, url, token);

      // cold: an empty local tier and an empty remote; every lookup misses, as new
      builds.measure(prometheus, "cold", builds.dir("cold"));
      assertThat(hitRatio(prometheus, "cold")).isLessThan(0.1);
      Map<String, Double> causes = rate(prometheus, "gocachectl_go_misses_total", "cold");
      assertThat(causes.get("\"cause\":\"new\"")).as(causes.toString()).isPositive();

      // warm: another empty local tier; the Redis remote holds everything
      builds.measure(prometheus, "warm", builds.dir("warm"));
      assertThat(hitRatio(prometheus, "warm")).isGreaterThan(0.9);
      Map<String, Double> read = rate(prometheus, "gocachectl_tier_read_bytes_total", "warm");
      assertThat(read.get("\"tier\":\"redis\"")).as(read.toString()).isPositive();

      // serve killed during a build: its report reached serve and was journaled, the answer never
      // came back (the proxy cuts it as serve dies). The build succeeds; the report waits.
      Path killed = builds.dir("killed");
      CountDownLatch dead = new CountDownLatch(1);
      proxy.cutAtFirstAnswer(
          () -> {
            serve.kill();
            dead.countDown();
          });
      builds.run(killed, "warm", "./plain");
      assertThat(dead.await(1, TimeUnit.MINUTES)).as("serve killed at the build's report").isTrue();
      assertThat(Files.readAllLines(ReportSpool.file(CacheDir.open(killed)))).hasSize(1);
      // serve still down: another build succeeds, its report waits too
      builds.run(killed, "warm", "./leaf");
      assertThat(Files.readAllLines(ReportSpool.file(CacheDir.open(killed)))).hasSize(2);
      // serve back on the same data: the next build sends the two waiting reports with its own;
      // the one serve had journaled before it died is a duplicate, not counted again
      serve.restart();
      builds.run(killed, "warm", "./plain");
      assertThat(ReportSpool.file(CacheDir.open(killed))).doesNotExist();
      String scrape = ReportSendTest.metrics(serve.port());
      assertThat(ReportSendTest.received(scrape)).isEqualTo(builds.goCommands);
      assertThat(scrape).contains("gocachectl_reports_duplicate_total 1.0");
      // every go command's report once: the IDs serve holds are the IDs the prog dirs wrote
      assertThat(servedIds(url)).containsExactlyInAnyOrderElementsOf(builds.reportIds());
      // report push of everything the stats logs hold: all duplicates, nothing counted twice
      Cli.Run push =
          Cli.run(
              Clock.systemUTC(),
              Map.of("GOCACHECTL_REPORT_TOKEN", token),
              "report",
              "push",
              "--dir",
              killed.toString(),
              "--to",
              url);
      assertThat(push.exit()).as(push.err()).isZero();
      assertThat(ReportSendTest.received(ReportSendTest.metrics(serve.port())))
          .isEqualTo(builds.goCommands);
      prometheus.awaitValues(
          "sum(gocachectl_reports_received_total)",
          v -> v.getOrDefault("", 0.0) == builds.goCommands);
    }
  }

  /** The IDs of the reports serve holds (its newest 1000), in its order. */
  static List<String> servedIds(String url) throws Exception {
    try (HttpClient c = HttpClient.newHttpClient()) {
      String body =
          c.send(
                  HttpRequest.newBuilder(URI.create(url + "/api/reports?limit=1000")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      List<String> ids = new ArrayList<>();
      Matcher m = ID.matcher(body);
      while (m.find()) {
        ids.add(m.group(1));
      }
      return ids;
    }
  }

  private static final Pattern ID = Pattern.compile("\\{\"id\":\"([0-9a-f]{32})\"");

  /** The dashboard's fleet hit ratio (its first query) over the phase's reports. */
  static double hitRatio(PrometheusServer prometheus, String repo) {
    String expr = dashboardQuery("sum(rate(gocachectl_go_hits_total", repo);
    Map<String, Double> v = prometheus.values(expr);
    assertThat(v).as(expr).containsKey("");
    return v.get("");
  }

  /**
   * The dashboard's query of {@code metric} (its first), by its label, over the phase's reports.
   */
  static Map<String, Double> rate(PrometheusServer prometheus, String metric, String repo) {
    return prometheus.values(dashboardQuery("rate(" + metric, repo));
  }

  /**
   * The dashboard's first query containing {@code part}, for one repo, its rates over ten minutes:
   * longer than the test, so over every sample of the phase.
   */
  static String dashboardQuery(String part, String repo) {
    try {
      return ServeDeployFilesTest.dashboardQueries(DASHBOARD).stream()
          .filter(q -> q.contains(part))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no dashboard query has " + part))
          .replace("repo=~\".*\"", "repo=~\"" + repo + "\"")
          .replace("[5m]", "[10m]");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The go commands run through prog, each reporting to serve; counted. */
  static final class Builds {
    final Path module;
    final String remote;
    final String url;
    final String token;
    int goCommands;
    final java.util.Set<Path> dirs = new java.util.LinkedHashSet<>();

    Builds(Path module, String remote, String url, String token) {
      this.module = module;
      this.remote = remote;
      this.url = url;
      this.token = token;
    }

    Path dir(String name) throws IOException {
      return Files.createDirectories(module.resolveSibling(name));
    }

    void run(Path local, String repo, String pkg) throws IOException {
      List<String> prog = new ArrayList<>(ProgProcess.commandWithDependencies());
      prog.addAll(List.of("--dir", local.toString(), "--remote", remote));
      prog.addAll(List.of("--report-to", url, "--label", "repo=" + repo));
      GoTool go =
          GoEnv.isolated(
                  module.resolveSibling("home"),
                  Files.createDirectories(module.resolveSibling("gocache")))
              .withEnv(
                  Map.of("GOCACHEPROG", String.join(" ", prog), "GOCACHECTL_REPORT_TOKEN", token));
      GoTool.Result r = go.run(module, List.of("build", pkg));
      assertThat(r.ok()).as(r.stderr()).isTrue();
      goCommands++;
      dirs.add(local);
    }

    /** The IDs of the reports the go commands wrote in their prog dirs' stats logs. */
    List<String> reportIds() throws Exception {
      List<String> ids = new ArrayList<>();
      for (Path d : dirs) {
        for (String l : Files.readAllLines(StatsLog.file(CacheDir.open(d)))) {
          ids.add(BuildReport.parse(l).id().hex());
        }
      }
      assertThat(ids).hasSize(goCommands);
      return ids;
    }

    /**
     * Builds ./leaf, waits for Prometheus to scrape its report, then builds ./plain and waits
     * again. Prometheus has no sample of a series before serve first exports it, and a rate counts
     * only increases between samples: the leaf's report makes the series, the plain build's is what
     * the rates measure.
     */
    void measure(PrometheusServer prometheus, String repo, Path local) throws IOException {
      String commands = "sum(gocachectl_go_commands_total{repo=\"" + repo + "\"})";
      run(local, repo, "./leaf");
      prometheus.awaitValues(commands, v -> v.getOrDefault("", 0.0) == 1);
      run(local, repo, "./plain");
      prometheus.awaitValues(commands, v -> v.getOrDefault("", 0.0) == 2);
    }
  }
}
