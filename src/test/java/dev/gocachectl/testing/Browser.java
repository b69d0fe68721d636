package dev.gocachectl.testing;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.gocachectl.mod.JsonTree;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven through Debian's chromedriver over the W3C WebDriver protocol
 * (JSON over HTTP, https://www.w3.org/TR/webdriver2/), spoken here directly with the JDK's client:
 * a session, navigation, scripts run in the page (to read the DOM as the browser built it), and
 * screenshots. chromedriver runs as a {@link ServerProcess} on a free loopback port; {@code
 * scripts/test-services.sh} installs both (packages chromium and chromium-driver).
 */
public final class Browser implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ServerProcess driver;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final String session;

  private Browser(ServerProcess driver, Path profile) throws IOException {
    this.driver = driver;
    String args =
        String.join(
            ",",
            q("--headless=new"),
            q("--no-sandbox"),
            q("--disable-gpu"),
            q("--disable-dev-shm-usage"),
            q("--no-first-run"),
            q("--window-size=1280,1000"),
            q("--user-data-dir=" + profile));
    Object r =
        call(
            "POST",
            "/session",
            "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\","
                + "\"goog:chromeOptions\":{\"args\":["
                + args
                + "]}}}}");
    this.session = (String) ((Map<?, ?>) r).get("sessionId");
  }

  /** Starts chromedriver and a new browser session; {@code dir} holds the log and profile. */
  public static Browser start(Path dir) throws IOException {
    String chromedriver = RedisServer.executable("chromedriver");
    ServerProcess d =
        ServerProcess.start(
            "chromedriver",
            dir,
            p -> List.of(chromedriver, "--port=" + p, "--allowed-ips=127.0.0.1"));
    try {
      return new Browser(d, Files.createDirectories(dir.resolve("chromium-profile")));
    } catch (IOException | RuntimeException e) {
      d.close();
      throw e;
    }
  }

  /** Loads {@code url} and waits until the page has loaded. */
  public void go(String url) throws IOException {
    call("POST", "/session/" + session + "/url", "{\"url\":" + q(url) + "}");
  }

  /** Runs {@code js} (a function body; {@code return} its value) in the page. */
  public Object script(String js) throws IOException {
    return call(
        "POST", "/session/" + session + "/execute/sync", "{\"script\":" + q(js) + ",\"args\":[]}");
  }

  /** The text content of every element {@code css} selects, in document order. */
  public List<String> texts(String css) throws IOException {
    Object v =
        script(
            "return Array.from(document.querySelectorAll("
                + q(css)
                + ")).map(e => e.textContent);");
    return ((List<?>) v).stream().map(String::valueOf).toList();
  }

  /** The first element's text, or fails naming the selector. */
  public String text(String css) throws IOException {
    List<String> t = texts(css);
    if (t.isEmpty()) {
      throw new AssertionError("no element matches " + css);
    }
    return t.getFirst();
  }

  /** A PNG of the whole page (the window grown to its height first). */
  public byte[] screenshot(Path png) throws IOException {
    Object h = script("return document.documentElement.scrollHeight;");
    return screenshot(png, Math.min(8000, ((Number) h).intValue() + 40));
  }

  /** A PNG of the top {@code height} pixels of the page (the window made that tall). */
  public byte[] screenshot(Path png, int height) throws IOException {
    call(
        "POST",
        "/session/" + session + "/window/rect",
        "{\"width\":1280,\"height\":" + height + "}");
    String b64 = (String) call("GET", "/session/" + session + "/screenshot", null);
    byte[] bytes = Base64.getDecoder().decode(b64);
    Files.createDirectories(png.getParent());
    Files.write(png, bytes);
    return bytes;
  }

  private Object call(String method, String path, String body) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + driver.port() + path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8");
    b =
        switch (method) {
          case "POST" -> b.POST(HttpRequest.BodyPublishers.ofString(body));
          case "DELETE" -> b.DELETE();
          default -> b.GET();
        };
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted talking to chromedriver", e);
    }
    Object v = JsonTree.field(JsonTree.parse(r.body()), "value");
    if (r.statusCode() != 200) {
      throw new IOException(
          "chromedriver " + method + " " + path + ": " + r.statusCode() + " " + v);
    }
    return v;
  }

  /** A JSON string. */
  static String q(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  @Override
  public void close() {
    try {
      call("DELETE", "/session/" + session, null);
    } catch (IOException | RuntimeException e) {
      // the browser is gone with chromedriver below
    }
    driver.close();
  }
}
