package dev.gocachectl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Alertmanager (Debian's prometheus-alertmanager, installed by {@code
 * scripts/test-services.sh}) on a free loopback port, clustering off, routing everything to a
 * receiver that sends nothing: for checking that what gocachectl posts is taken as alerts.
 */
public final class AlertmanagerServer extends RunningServer {
  private AlertmanagerServer(ServerProcess p) {
    super(p);
  }

  public static AlertmanagerServer start() {
    Path dir = ServerProcess.workDir("alertmanager");
    Path config = dir.resolve("alertmanager.yml");
    try {
      Files.writeString(config, "route:\n  receiver: none\nreceivers:\n  - name: none\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServerProcess p =
        ServerProcess.start(
            "alertmanager",
            dir,
            port ->
                List.of(
                    RedisServer.executable("prometheus-alertmanager"),
                    "--config.file=" + config,
                    "--storage.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address="));
    AlertmanagerServer s = new AlertmanagerServer(p);
    ServerProcess.pollUntil(() -> s.get("/-/ready").statusCode() == 200, "alertmanager ready");
    return s;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** A GET of {@code path}; a failure to connect is a 0 status. */
  public HttpResponse<String> get(String path) {
    try (HttpClient c = HttpClient.newHttpClient()) {
      return c.send(
          HttpRequest.newBuilder(URI.create(url() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
