package dev.gocachectl.serve;

import com.sun.net.httpserver.HttpExchange;
import dev.gocachectl.page.PageModel;
import dev.gocachectl.page.Pages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The HTML pages of serve ({@link Pages}): {@code GET /}, {@code /runners} and {@code /jobs/NAME}.
 * Read-only: any other method is refused; no query parameter is read; a job name is only compared
 * with the names of the jobs serve knows (never a file path). Every page is assembled from a fresh
 * {@link PageData} model.
 */
final class PageRoutes {
  private static final String JOBS = "/jobs/";

  private final PageData data;

  PageRoutes(PageData data) {
    this.data = data;
  }

  static boolean handles(String path) {
    return path.equals("/") || path.equals("/runners") || path.startsWith(JOBS);
  }

  void handle(HttpExchange x, String path) throws IOException {
    String method = x.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      x.getResponseHeaders().set("Allow", "GET, HEAD");
      send(
          x, 405, "method not allowed: the pages are read with GET\n", "text/plain; charset=utf-8");
      return;
    }
    PageModel m = data.model();
    Optional<String> page =
        switch (path) {
          case "/" -> Optional.of(Pages.overview(m));
          case "/runners" -> Optional.of(Pages.runners(m));
          default -> {
            String name = path.substring(JOBS.length());
            yield Pages.JOB_NAME.matcher(name).matches()
                ? Pages.job(m, name, data.runs(name))
                : Optional.empty();
          }
        };
    for (String[] h : Pages.HEADERS) {
      x.getResponseHeaders().set(h[0], h[1]);
    }
    send(x, page.isPresent() ? 200 : 404, page.orElseGet(() -> Pages.notFound(path)), null);
  }

  private static void send(HttpExchange x, int code, String body, String type) throws IOException {
    if (type != null) {
      x.getResponseHeaders().set("Content-Type", type);
    }
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    boolean head = x.getRequestMethod().equals("HEAD");
    x.sendResponseHeaders(code, head ? -1 : b.length);
    if (!head) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(b);
      }
    }
  }
}
