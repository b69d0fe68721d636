package dev.gocachectl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.history.History;
import dev.gocachectl.history.JobName;
import dev.gocachectl.history.Observation;
import dev.gocachectl.history.Outcome;
import dev.gocachectl.history.RunId;
import dev.gocachectl.prog.BuildReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve's JSON read API over its history, over HTTP: reports newest first page by page, jobs, runs
 * and findings, and a 400 naming the problem for every bad parameter.
 */
class ServeHistoryApiTest {
  @TempDir Path tmp;
  ServeServer server;
  String token;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    Path data = tmp.resolve("data");
    ServeOptions o = ServeServerTest.options(data, 10, 1 << 20);
    server =
        ServeServer.start(
            o,
            HistoryOptions.DEFAULT,
            "test",
            new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true));
    token = Files.readString(data.resolve("token")).strip();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    http.close();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String next(String body) {
    Matcher m = Pattern.compile("\"next\":(null|\"(\\d+)\")").matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(2);
  }

  static List<String> ids(String body) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\\{\"id\":\"([0-9a-f]{32})\"").matcher(body);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void reportsAreReadNewestFirstPageByPageFromTheHistory() throws Exception {
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = ServeServerTest.id();
      sent.add(id);
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.address().getPort() + "/api/reports"))
                  .header("Authorization", "Bearer " + token)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          ServeServerTest.report(id, "shop", "go build")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    }
    assertThat(server.history().reportCount()).isEqualTo(5);
    String p1 = get("/api/reports?size=2").body();
    assertThat(ids(p1)).containsExactly(sent.get(4), sent.get(3));
    String p2 = get("/api/reports?size=2&cursor=" + next(p1)).body();
    assertThat(ids(p2)).containsExactly(sent.get(2), sent.get(1));
    String p3 = get("/api/reports?size=2&cursor=" + next(p2)).body();
    assertThat(ids(p3)).containsExactly(sent.get(0));
    assertThat(next(p3)).isNull();
    // each is the report as sent
    String one = p3.substring(p3.indexOf('[') + 1, p3.lastIndexOf(']'));
    assertThat(BuildReport.parse(one))
        .isEqualTo(BuildReport.parse(ServeServerTest.report(sent.get(0), "shop", "go build")));
  }

  @Test
  void jobsRunsAndFindingsAreServedAsJson() throws Exception {
    History h = server.history();
    JobName job = new JobName("verify-ci");
    RunId r1 = h.startRun(job);
    h.finishRun(
        r1,
        Outcome.FINDINGS,
        "1 finding",
        List.of(new Observation("corrupt-output", "<script>x</script>", "differs", "repair")));
    RunId r2 = h.startRun(job);
    h.finishRun(r2, Outcome.OK, "clean", List.of());
    RunId r3 = h.startRun(new JobName("trim"));

    String jobs = get("/api/jobs").body();
    assertThat(jobs)
        .contains("{\"name\":\"trim\",\"lastRun\":{\"id\":" + r3 + ",\"job\":\"trim\"")
        .contains("\"ended\":null,\"outcome\":null")
        .contains("\"name\":\"verify-ci\"")
        .contains("\"outcome\":\"ok\",\"summary\":\"clean\"");
    String runs = get("/api/jobs/verify-ci/runs?size=1").body();
    assertThat(runs).startsWith("{\"job\":\"verify-ci\",\"runs\":[{\"id\":" + r2 + ",");
    assertThat(next(runs)).isEqualTo(r2.toString());
    assertThat(get("/api/jobs/verify-ci/runs?cursor=" + next(runs)).body())
        .contains("\"id\":" + r1 + ",")
        .contains("\"outcome\":\"findings\"")
        .contains("\"next\":null");
    assertThat(get("/api/findings").body())
        .isEqualTo("{\"state\":\"open\",\"findings\":[],\"next\":null}\n");
    String resolved = get("/api/findings?state=resolved").body();
    assertThat(resolved)
        .contains("\"state\":\"resolved\"")
        .contains("\"subject\":\"<script>x</script>\"")
        .contains("\"resolvedBy\":" + r2 + "}");
    assertThat(get("/api/jobs/never-ran/runs").body()).contains("\"runs\":[]");
  }

  @Test
  void badParametersAre400WithTheReasonAndNoneReachesAFile() throws Exception {
    record Case(String path, String says) {}
    for (Case c :
        List.of(
            new Case("/api/reports?size=0", "size must be 1 to 1000"),
            new Case("/api/reports?size=abc", "size must be 1 to 1000"),
            new Case("/api/reports?limit=100000", "limit must be 1 to 1000"),
            new Case("/api/reports?cursor=-1", "cursor must be the number"),
            new Case("/api/reports?cursor=../../etc/passwd", "cursor must be the number"),
            new Case("/api/reports?size=1&size=2", "size is given twice"),
            new Case("/api/reports?file=/etc/passwd", "unknown parameter \\\"file\\\""),
            new Case("/api/findings?state=all", "expected open or resolved"),
            new Case("/api/jobs?x=1", "unknown parameter"),
            new Case("/api/jobs/..%2F..%2Fetc/runs", "expected 1 to 64 letters"),
            new Case("/api/jobs/a%0Ab/runs", "expected 1 to 64 letters"))) {
      HttpResponse<String> r = get(c.path());
      assertThat(r.statusCode()).as(c.path()).isEqualTo(400);
      assertThat(r.body()).as(c.path()).contains(c.says());
    }
    assertThat(get("/api/jobs/x/runz").statusCode()).isEqualTo(404);
  }
}
