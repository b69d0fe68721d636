package dev.gocachectl.mod;

import dev.gocachectl.failure.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plain GETs for the GOPROXY and checksum database protocols (java.net.http, redirects followed
 * except from https to http, as go; {@code file://} URLs read files, as go reads a file GOPROXY).
 * Only 200 is success; 404 and 410 mean "not found" (Go's {@code web} package). Close it when done:
 * an open client delays JVM exit.
 */
public final class HttpFetcher implements AutoCloseable {
  /** The most body read (the module zip limit plus one byte, as go reads). */
  public static final long MAX_BODY = (500L << 20) + 1;

  /**
   * One response.
   *
   * @param uri what was requested
   * @param status the HTTP status
   * @param body the body (for errors: at most a few KiB)
   */
  public record Response(URI uri, int status, byte[] body) {
    /** Whether the status is 200. */
    public boolean ok() {
      return status == 200;
    }

    /** Whether the status is 404 or 410: go's "not found", which a {@code ,} falls through. */
    public boolean notFound() {
      return status == 404 || status == 410;
    }

    /**
     * Go's error text for a failed response: {@code reading URL: 404 Not Found} and, for a
     * text/plain body, {@code server response: <first lines>}.
     */
    public String describe() {
      String detail = new String(body, 0, Math.min(body.length, 8 * 81), StandardCharsets.UTF_8);
      int blank = detail.indexOf("\n\n");
      detail = (blank >= 0 ? detail.substring(0, blank) : detail).strip();
      return "reading "
          + uri
          + ": "
          + status
          + (detail.isEmpty() ? "" : "\n\tserver response: " + detail);
    }
  }

  private final HttpClient client;
  private final Duration timeout;

  public HttpFetcher(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(timeout)
            .build();
  }

  /**
   * GETs {@code uri}.
   *
   * @throws IOException for a connection failure or timeout; the message names the URL
   */
  public Response get(URI uri) throws IOException {
    if ("file".equals(uri.getScheme())) {
      return file(uri);
    }
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    try {
      HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
      long limit = r.statusCode() == 200 ? MAX_BODY : 4096;
      byte[] body;
      try (InputStream in = r.body()) {
        body = in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 16));
      }
      return new Response(uri, r.statusCode(), body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("GET " + uri + ": interrupted", e);
    } catch (IOException e) {
      throw new IOException("GET " + uri + ": " + describe(e), e);
    }
  }

  /**
   * A {@code file://} GOPROXY (a copy of {@code cache/download}): a missing file is 404 and an
   * unreadable one 403, as go's {@code web} package maps them.
   */
  private static Response file(URI uri) throws IOException {
    java.nio.file.Path p = java.nio.file.Path.of(uri);
    try {
      return new Response(uri, 200, java.nio.file.Files.readAllBytes(p));
    } catch (java.nio.file.NoSuchFileException e) {
      return new Response(
          uri, 404, ("open " + p + ": no such file or directory").getBytes(StandardCharsets.UTF_8));
    } catch (java.nio.file.AccessDeniedException e) {
      return new Response(
          uri, 403, ("open " + p + ": permission denied").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String describe(IOException e) {
    return Failure.of(e).toString();
  }

  @Override
  public void close() {
    client.shutdownNow();
    client.close();
  }
}
