package dev.gocachectl.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server on 127.0.0.1 and a free port, serving one handler, remembering the paths it was
 * asked for. Paths reach handlers percent-decoded ({@code %21} is {@code !}), with {@code +} left
 * alone (it is not a space in a path).
 */
public final class HttpFixture implements AutoCloseable {
  /** A handler that sees the decoded path. */
  @FunctionalInterface
  public interface Route {
    Reply handle(String path) throws IOException;
  }

  /** A response. */
  public record Reply(int status, String contentType, byte[] body) {
    public static Reply ok(byte[] body) {
      return new Reply(200, "application/octet-stream", body);
    }

    public static Reply text(int status, String body) {
      return new Reply(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  public HttpFixture(Route route) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", handler(route));
    server.setExecutor(pool);
    server.start();
  }

  private HttpHandler handler(Route route) {
    return (HttpExchange ex) -> {
      try (ex) {
        String path = decode(ex.getRequestURI().getRawPath());
        requests.add(path);
        Reply r;
        try {
          r = route.handle(path);
        } catch (RuntimeException | IOException e) {
          r = Reply.text(500, "fixture failed: " + e);
        }
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        if (r.body().length > 0) {
          try (OutputStream os = ex.getResponseBody()) {
            os.write(r.body());
          }
        }
      }
    };
  }

  /** Percent-decoding of a URL path: {@code %XX} only, {@code +} stays. */
  static String decode(String raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The decoded paths requested so far. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
