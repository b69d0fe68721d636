package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.explain.Category;
import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.remote.TierStats;
import dev.gocachectl.testing.Browser;
import dev.gocachectl.testing.FixtureModule;
import dev.gocachectl.testing.GoEnv;
import dev.gocachectl.testing.RedisServer;
import dev.gocachectl.testing.ServerProcess;
import dev.gocachectl.verify.VerifyReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve's pages in a real browser: real go builds through {@code prog --report-to} on three runners
 * (a cold one and a warm one sharing a Redis remote, one whose remote is down) fill a real {@code
 * gocachectl serve} process that watches two of their prog dirs (one over its budget, one damaged
 * after the builds); a hostile report carrying HTML, script, control and bidi characters is posted
 * like any other. Debian's headless Chromium loads each page: the numbers are those the builds' own
 * stats logs imply, every hostile string is text in the DOM (no element, no script ran), and
 * screenshots are saved under {@code target/serve-page/}.
 */
@Tag("slow")
@Timeout(600)
class ServePageBrowserTest {
  static final Path SHOTS = Path.of("target", "serve-page");
  static final String HOSTILE_COMMAND =
      "go build <script>window.pwned=1</script> ./\u202Egnp.exe\u0007";
  static final String HOSTILE_RUNNER = "<img src=x onerror=\"window.pwned=2\">";
  static final String HOSTILE_REPO = "</td></tr></table><script>window.pwned=3</script>";

  @TempDir Path tmp;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void pagesShowWhatTheBuildsDidAndHostileStringsStayText() throws Exception {
    Path module = FixtureModule.write(tmp.resolve("mod")).dir();
    Path data = tmp.resolve("data");
    Path ci1 = Files.createDirectories(tmp.resolve("ci-1"));
    Path ci2 = Files.createDirectories(tmp.resolve("ci-2"));
    Path ci3 = Files.createDirectories(tmp.resolve("ci-3"));
    try (RedisServer redis = RedisServer.start();
        ServerProcess serve =
            ServerProcess.start(
                "serve",
                tmp,
                p -> {
                  List<String> cmd = new ArrayList<>(ReportSendTest.serveCommand(data, p));
                  cmd.addAll(
                      List.of(
                          "--prog-dir",
                          "ci-1=" + ci1,
                          "--budget",
                          "ci-1=16MiB",
                          "--prog-dir",
                          "ci-2=" + ci2,
                          "--refresh",
                          "1s",
                          "--verify-every",
                          "1s",
                          "--label-name",
                          "repo",
                          "--label-name",
                          "runner"));
                  return cmd;
                });
        Browser browser = Browser.start(tmp)) {
      String url = "http://127.0.0.1:" + serve.port();
      String token = Files.readString(data.resolve("token")).strip();
      String remote = "redis://127.0.0.1:" + redis.port() + "?prefix=page";
      build(module, ci1, "ci-1", remote, url, token); // cold: everything new, stored in Redis
      build(module, ci2, "ci-2", remote, url, token); // warm: hits from Redis
      build(module, ci3, "ci-3", "redis://127.0.0.1:1", url, token); // its remote is down

      // a hostile report: a real one with another ID, command and labels, sent like any other
      BuildReport real = reports(ci1).getFirst();
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("repo", HOSTILE_REPO);
      labels.put("runner", HOSTILE_RUNNER);
      BuildReport hostile =
          new BuildReport(
              ReportId.random(),
              real.time(),
              real.pid(),
              real.mode(),
              HOSTILE_COMMAND,
              labels,
              real.counts(),
              real.remoteNames(),
              real.remotes(),
              real.pendingUploads(),
              real.prefetch(),
              real.wallMillis());
      HttpResponse<String> posted =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/api/reports"))
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.ofString(hostile.toJsonLine()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(posted.body()).contains("\"accepted\":1");

      // damage one output of ci-2 after its builds: the next verify finds it
      Path output = largestOutput(ci2);
      byte[] b = Files.readAllBytes(output);
      b[b.length / 2] ^= 0x55;
      Files.write(output, b);
      ServerProcess.pollUntil(
          () -> get(url + "/").contains("output-hash-mismatch"), "verify to find the damage");

      List<BuildReport> all = new ArrayList<>();
      for (Path d : List.of(ci1, ci2, ci3)) {
        all.addAll(reports(d));
      }
      all.add(hostile);

      browser.go(url + "/");
      assertInert(browser);
      long gets = all.stream().mapToLong(r -> r.counts().gets()).sum();
      long hits = all.stream().mapToLong(r -> r.counts().hits()).sum();
      assertThat(browser.text("#fleet-gets")).isEqualTo(Long.toString(gets));
      assertThat(browser.text("#fleet-reports")).isEqualTo(Integer.toString(all.size()));
      assertThat(browser.text("#fleet-hit-rate")).isEqualTo(percent(hits, gets));
      // the charts: one line per runner, the hostile runner's name a legend text
      assertThat(browser.texts("#chart-runner g.series").size()).isEqualTo(4);
      assertThat(browser.texts("ul.legend .name")).contains("ci-1", "ci-2", "ci-3", HOSTILE_RUNNER);
      // misses by cause with their remedies; the explain categories under new
      String newRow = browser.text("tr[data-cause=new]");
      assertThat(newRow).contains(MissKind.NEW.remedy()).contains(Category.PATH.remedy());
      long remoteErrors = 0;
      long tierLookups = 0;
      for (BuildReport r : all) {
        for (TierStats.Snapshot t : r.remotes()) {
          remoteErrors += t.errors() + t.timeouts();
          tierLookups +=
              t.hits() + t.misses() + t.errors() + t.timeouts() + t.verifyFailed() + t.rejected();
        }
      }
      assertThat(remoteErrors).isPositive();
      assertThat(browser.text("tr[data-cause=remote-error] td.n")).isNotEqualTo("0");
      assertThat(browser.texts("tr[data-tier=redis] td").get(1))
          .isEqualTo(Long.toString(tierLookups));
      // caches against budgets, jobs, findings with what to do
      assertThat(browser.text("tr[data-cache=ci-1]")).contains("over budget");
      assertThat(browser.text("tr[data-finding=over-budget]")).contains("gocachectl trim");
      assertThat(browser.text("tr[data-finding=output-hash-mismatch]"))
          .contains("ci-2")
          .contains(VerifyReport.REMEDY);
      assertThat(browser.texts("tr[data-job=stats] .outcome")).containsOnly("ok");
      // the newest builds: the hostile command shown as it is, its controls made visible
      assertThat(browser.texts("#recent td.command"))
          .contains("go build <script>window.pwned=1</script> ./[U+202E]gnp.exe[U+0007]");
      assertThat(browser.texts("#recent td.labels"))
          .anyMatch(l -> l.contains("repo=" + HOSTILE_REPO));
      screenshot(browser, "overview");
      browser.screenshot(SHOTS.resolve("overview-top.png"), 1100); // docs/serve-page.png

      browser.go(url + "/runners");
      assertInert(browser);
      for (String runner : List.of("ci-1", "ci-2")) {
        long g = 0;
        long h = 0;
        for (BuildReport r : reports(runner.equals("ci-1") ? ci1 : ci2)) {
          g += r.counts().gets();
          h += r.counts().hits();
        }
        List<String> row = browser.texts("tr[data-runner=" + runner + "] td");
        assertThat(row).containsExactly(runner, Long.toString(g), Long.toString(h), percent(h, g));
      }
      assertThat(browser.texts("#runner-table td.mono")).contains(HOSTILE_RUNNER);
      screenshot(browser, "runners");

      browser.go(url + "/jobs/verify");
      assertInert(browser);
      assertThat(browser.texts("tr[data-job=verify] td.mono")).containsExactly("ci-1", "ci-2");
      assertThat(browser.text("tr[data-target=ci-2] .outcome")).isEqualTo("findings");
      screenshot(browser, "job-verify");

      browser.go(url + "/jobs/%3Cscript%3Ewindow.pwned=4%3C%2Fscript%3E");
      assertInert(browser);
      assertThat(browser.text("main code")).isEqualTo("/jobs/<script>window.pwned=4</script>");
      screenshot(browser, "not-found");

      // headers and methods, as any client sees them
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
          .startsWith("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/"))
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.ofString("x"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }

  /** No element a report could have made, and no script of a report ran. */
  static void assertInert(Browser b) throws IOException {
    Object active =
        b.script("return document.querySelectorAll('script,img,iframe,object,embed,form').length;");
    assertThat(((Number) active).longValue()).isZero();
    assertThat(b.script("return typeof window.pwned;")).isEqualTo("undefined");
  }

  static void screenshot(Browser b, String name) throws IOException {
    byte[] png = b.screenshot(SHOTS.resolve(name + ".png"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(png.length).isGreaterThan(10_000);
  }

  static String percent(long part, long whole) {
    return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  String get(String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  static List<BuildReport> reports(Path dir) throws Exception {
    List<BuildReport> out = new ArrayList<>();
    for (String l : Files.readAllLines(StatsLog.file(CacheDir.open(dir)))) {
      out.add(BuildReport.parse(l));
    }
    return out;
  }

  static Path largestOutput(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith("-d"))
          .max(
              (a, c) -> {
                try {
                  return Long.compare(Files.size(a), Files.size(c));
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .orElseThrow();
    }
  }

  static void build(Path module, Path dir, String runner, String remote, String url, String token)
      throws IOException {
    List<String> prog = new ArrayList<>(ProgProcess.commandWithDependencies());
    prog.addAll(List.of("--dir", dir.toString(), "--remote", remote));
    prog.addAll(List.of("--report-to", url, "--label", "repo=shop", "--label", "runner=" + runner));
    GoTool go =
        GoEnv.isolated(
                module.resolveSibling("home"),
                Files.createDirectories(module.resolveSibling("gocache-" + runner)))
            .withEnv(
                Map.of("GOCACHEPROG", String.join(" ", prog), "GOCACHECTL_REPORT_TOKEN", token));
    GoTool.Result r = go.run(module, List.of("build", "./plain"));
    assertThat(r.ok()).as(r.stderr()).isTrue();
  }
}
