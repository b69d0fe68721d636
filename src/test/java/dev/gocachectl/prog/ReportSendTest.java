package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prog --report-to}: a real prog process per session (as go runs it) sending to a real
 * {@code gocachectl serve} process; reports that could not be sent wait in the spool and go with
 * the next one, and {@code report push} sends the rest.
 */
class ReportSendTest {
  @TempDir Path tmp;

  static List<String> serveCommand(Path data, int port) {
    List<String> cmd = new ArrayList<>(ProgProcess.commandWithDependencies());
    cmd.set(cmd.size() - 1, "dev.gocachectl.cli.Main");
    cmd.addAll(List.of("serve", "--data", data.toString(), "--listen", "127.0.0.1:" + port));
    return cmd;
  }

  /**
   * serve's {@code /metrics} after a scrape that showed the new series at zero (serve's {@code
   * CounterStore}): every count.
   */
  static String metrics(int port) throws Exception {
    try (HttpClient c = HttpClient.newHttpClient()) {
      HttpRequest get =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
      c.send(get, HttpResponse.BodyHandlers.discarding());
      return c.send(get, HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  static double received(String scrape) {
    double n = 0;
    for (String l : scrape.lines().toList()) {
      if (l.startsWith("gocachectl_reports_received_total{")) {
        n += Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
      }
    }
    return n;
  }

  long spooled(Path dir) throws IOException {
    Path f = ReportSpool.file(CacheDir.open(dir));
    return Files.exists(f) ? Files.readAllLines(f).size() : 0;
  }

  @Test
  void aReportThatCannotBeSentWaitsAndGoesWithTheNext() throws Exception {
    Path dir = tmp.resolve("prog");
    Path data = tmp.resolve("data");
    String down = "http://127.0.0.1:" + ServerProcess.freePort(); // nothing listens there
    // the token comes from serve's data dir, made before serve first starts
    Files.createDirectories(data);
    String token = "0123456789abcdef0123456789abcdef";
    Path tokenFile = data.resolve("token");
    Files.writeString(tokenFile, token + "\n");
    Files.setPosixFilePermissions(
        tokenFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(sessionWithToken(dir, down, token)).isZero();
    assertThat(sessionWithToken(dir, down, token)).isZero();
    assertThat(spooled(dir)).isEqualTo(2);
    assertThat(Files.readString(tmp.resolve("prog.err"))).contains("report not sent");

    try (ServerProcess serve = ServerProcess.start("serve", tmp, p -> serveCommand(data, p))) {
      int port = serve.port();
      String url = "http://127.0.0.1:" + port;
      assertThat(sessionWithToken(dir, url, token)).isZero();
      assertThat(spooled(dir)).isZero();
      assertThat(received(metrics(port))).isEqualTo(3);

      // report push sends the stats log's lines: serve has them all, so it counts none twice
      Cli.Run push =
          Cli.run(
              java.time.Clock.systemUTC(),
              java.util.Map.of("GOCACHECTL_REPORT_TOKEN", token),
              "report",
              "push",
              "--dir",
              dir.toString(),
              "--to",
              url);
      assertThat(push.exit()).as(push.err()).isZero();
      assertThat(push.out()).contains("sent 3 reports");
      assertThat(received(metrics(port))).isEqualTo(3);
      assertThat(metrics(port)).contains("gocachectl_reports_duplicate_total 3.0");
    }
  }

  int sessionWithToken(Path dir, String url, String token) throws Exception {
    List<String> cmd = new ArrayList<>(ProgProcess.command());
    cmd.addAll(List.of("--dir", dir.toString(), "--report-to", url));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.appendTo(tmp.resolve("prog.err").toFile()));
    pb.environment().put("GOCACHECTL_REPORT_TOKEN", token);
    Process p = pb.start();
    p.getOutputStream()
        .write(
            ("{\"ID\":1,\"Command\":\"get\",\"ActionID\":\"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=\"}\n\n"
                    + "{\"ID\":2,\"Command\":\"close\"}\n\n")
                .getBytes());
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(out).contains("{\"ID\":2}");
    return p.waitFor();
  }
}
