package dev.gocachectl.mod;

import dev.gocachectl.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plain GETs for the GOPROXY and checksum database protocols (java.net.http, redirects followed
 * except from https to http, as go; {@code file://} URLs read files, as go reads a file GOPROXY).
 * Only 200 is success; 404 and 410 mean "not found" (Go's {@code web} package). Close it when done:
 * an open client delays JVM exit.
 *
 * <p>Every transfer is bounded twice. In time: the timeout covers the whole request, headers and
 * body; a body may run past it only while it keeps arriving at {@value #FLOOR_BYTES_PER_SECOND}
 * bytes a second on average (a large zip on a slow link), so a server trickling a body is cut off
 * once the timeout passes. In size: each kind of body has a {@link Limit}, checked against the
 * announced Content-Length before reading and against the bytes as they arrive; a 200 body past it
 * is an error naming the URL, never read further. Error bodies keep their first {@value
 * #ERROR_BODY} bytes (go shows a few lines of them).
 */
public final class HttpFetcher implements AutoCloseable {
  /** The slowest average rate at which a body may run past the timeout: 1 MiB/s. */
  static final long FLOOR_BYTES_PER_SECOND = 1L << 20;

  /** What is kept of a body that is not a 200's (go shows its first lines). */
  static final int ERROR_BODY = 4096;

  /** Java's HttpClient follows at most this many redirects ({@code jdk.httpclient.redirects}). */
  private static final int MAX_REDIRECTS = 5;

  /**
   * The most a body of one kind can legitimately be.
   *
   * @param bytes the bound
   * @param what the kind and where the bound comes from, for the error
   * @param truncate keep the first {@code bytes} and stop reading, no error (a body nobody reads)
   */
  public record Limit(long bytes, String what, boolean truncate) {
    /** A {@code .mod}: Go's {@code codehost.MaxGoMod} (cmd/go/internal/modfetch/codehost). */
    public static final Limit MOD = new Limit(16L << 20, "a go.mod (Go's MaxGoMod)", false);

    /**
     * A module zip: Go's {@code codehost.MaxZipFile}, which proxy.go's download reads up to
     * (cmd/go/internal/modfetch).
     */
    public static final Limit ZIP = new Limit(500L << 20, "a module zip (Go's MaxZipFile)", false);

    /**
     * {@code @v/list}: go reads it whole; one version a line, so 16 MiB (as a go.mod) is some
     * 300,000 versions.
     */
    public static final Limit LIST = new Limit(16L << 20, "a version list", false);

    /** {@code .info}: a JSON object of a version, a time and an origin (bytes, not megabytes). */
    public static final Limit INFO = new Limit(1L << 20, "a .info file", false);

    /**
     * A checksum database lookup ({@code <record id>}, the go.sum lines, a signed tree note) or its
     * {@code latest} note: well under 1 KiB at sum.golang.org.
     */
    public static final Limit NOTE = new Limit(1L << 20, "a checksum database note", false);

    /** A body only the status of which counts ({@code /sumdb/<name>/supported}). */
    public static final Limit STATUS_ONLY = new Limit(ERROR_BODY, "a status", true);

    /**
     * A hash tile: exactly 32 bytes per hash ({@code tlog.HashSize}, golang.org/x/mod/sumdb/tlog).
     */
    public static Limit hashes(int count) {
      return new Limit(32L * count, "a tile of " + count + " hashes", false);
    }
  }

  /**
   * One response.
   *
   * @param uri what was requested
   * @param status the HTTP status
   * @param body the body (for errors: at most a few KiB; empty when a 200 went to a sink)
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
   * GETs {@code uri}, its body in memory.
   *
   * @throws IOException for a connection failure, a timeout, a body past {@code limit} or a
   *     redirect loop; the message names the URL
   */
  public Response get(URI uri, Limit limit) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Response r = get(uri, limit, body);
    return r.ok() ? new Response(uri, 200, body.toByteArray()) : r;
  }

  /**
   * GETs {@code uri}, streaming a 200's body into {@code sink} (the response's body is then empty;
   * an error's body is in the response). The sink is written on the client's threads.
   *
   * @throws IOException as {@link #get(URI, Limit)}, or what the sink threw
   */
  public Response get(URI uri, Limit limit, OutputStream sink) throws IOException {
    if ("file".equals(uri.getScheme())) {
      return file(uri, limit, sink);
    }
    HttpRequest req = HttpRequest.newBuilder(uri).GET().build();
    long t0 = System.nanoTime();
    BoundedBody.Handler handler = new BoundedBody.Handler(uri, limit, sink);
    CompletableFuture<HttpResponse<Void>> f = client.sendAsync(req, handler);
    try {
      HttpResponse<Void> r = await(f, handler, t0, uri);
      int status = r.statusCode();
      if (status >= 300 && status < 400 && r.headers().firstValue("Location").isPresent()) {
        throw new IOException(
            "GET "
                + uri
                + ": stopped after "
                + MAX_REDIRECTS
                + " redirects, the last to "
                + r.uri()
                + ": the server redirects in a loop; check the URL (a GOPROXY entry or"
                + " GOSUMDB)");
      }
      return new Response(uri, status, status == 200 ? new byte[0] : handler.errorBody());
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof BoundedBody.TooLong || c instanceof BoundedBody.SinkFailed) {
        throw (IOException) c;
      }
      IOException io = c instanceof IOException x ? x : new IOException(String.valueOf(c), c);
      throw new IOException("GET " + uri + ": " + describe(io), c);
    } catch (InterruptedException e) {
      f.cancel(true);
      handler.abort();
      Thread.currentThread().interrupt();
      throw new IOException("GET " + uri + ": interrupted", e);
    }
  }

  /**
   * Waits for the whole response: until the timeout, and past it while the body arrives at the
   * floor rate or faster; then the request is cancelled (the connection closed).
   */
  private HttpResponse<Void> await(
      CompletableFuture<HttpResponse<Void>> f, BoundedBody.Handler handler, long t0, URI uri)
      throws ExecutionException, InterruptedException, IOException {
    while (true) {
      long allowed =
          timeout.toNanos() + handler.received() * 1_000_000_000L / FLOOR_BYTES_PER_SECOND;
      long left = t0 + allowed - System.nanoTime();
      if (left <= 0) {
        f.cancel(true);
        handler.abort();
        throw new IOException(
            "GET "
                + uri
                + ": timed out: no whole answer within "
                + timeout.toMillis()
                + " ms ("
                + handler.received()
                + " bytes of the body received; past the timeout a body must keep arriving at 1"
                + " MiB/s); raise --timeout if the server is just slow");
      }
      try {
        return f.get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // the body may have arrived fast enough to move the deadline: check again
      } catch (CancellationException e) {
        throw new IOException("GET " + uri + ": cancelled", e);
      }
    }
  }

  /**
   * A {@code file://} GOPROXY (a copy of {@code cache/download}): a missing file is 404 and an
   * unreadable one 403, as go's {@code web} package maps them. Only regular files are read (a FIFO
   * would block forever).
   */
  private static Response file(URI uri, Limit limit, OutputStream sink) throws IOException {
    Path p = Path.of(uri);
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p)) {
      return new Response(uri, 404, ("open " + p + ": not a regular file").getBytes(UTF8));
    }
    try (InputStream in = Files.newInputStream(p)) {
      byte[] buf = new byte[1 << 16];
      long total = 0;
      for (int n; (n = in.read(buf)) >= 0; ) {
        total += n;
        if (total > limit.bytes()) {
          if (limit.truncate()) {
            break;
          }
          throw BoundedBody.tooLong(uri, limit, -1);
        }
        sink.write(buf, 0, n);
      }
      return new Response(uri, 200, new byte[0]);
    } catch (NoSuchFileException e) {
      return new Response(uri, 404, ("open " + p + ": no such file or directory").getBytes(UTF8));
    } catch (AccessDeniedException e) {
      return new Response(uri, 403, ("open " + p + ": permission denied").getBytes(UTF8));
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static String describe(IOException e) {
    return Failure.of(e).toString();
  }

  @Override
  public void close() {
    client.shutdownNow();
    client.close();
  }
}
