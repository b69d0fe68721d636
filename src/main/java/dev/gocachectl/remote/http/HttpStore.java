package dev.gocachectl.remote.http;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.TransferDeadline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A store on an HTTP cache with bazel-remote's API, through the JDK's {@link HttpURLConnection}
 * (its first request costs ~40 ms; {@code java.net.http.HttpClient} costs ~200 ms and delays exit).
 *
 * <pre>
 * {base}/ac/{action hex}    PUT, GET   the record, inside an ActionResult ({@link ActionResultCodec})
 * {base}/cas/{output hex}   PUT, GET, HEAD   the output's bytes; bazel-remote hashes an upload and
 *                                            rejects it unless its SHA-256 is the key
 * </pre>
 *
 * Statuses: 200 is found or stored, 404 absent; 401/403 (wrong credentials), 507 (server full) and
 * anything else are errors. Connections are kept alive by the JDK. Timeouts: connect and each read
 * are bounded by {@link RemoteOptions}; an upload, and a download once its length is known, by a
 * {@link TransferDeadline} of {@link RemoteOptions#transferTimeout}.
 */
public final class HttpStore implements RemoteStore {
  /** Room for what bazel-remote adds to a record: the ActionResult fields and worker metadata. */
  private static final int MAX_ACTION_RESULT = MAX_RECORD + 4096;

  private final HttpLocation location;
  private final RemoteOptions options;
  private final HttpErrors errors;

  public HttpStore(HttpLocation location, RemoteOptions options) {
    this.location = location;
    this.options = options;
    this.errors = new HttpErrors(location.describe(), options);
  }

  @Override
  public String describe() {
    return location.describe();
  }

  @Override
  public byte[] getAction(ActionId id) throws IOException {
    String key = "ac/" + id.hex();
    HttpURLConnection c = connect("GET", key);
    try {
      if (!found(c, "get", key)) {
        return null;
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      copyBody(c, body, MAX_ACTION_RESULT, MAX_ACTION_RESULT, key);
      return ActionResultCodec.decode(body.toByteArray()).record();
    } catch (IOException e) {
      throw errors.failure("get", key, e, null);
    }
  }

  @Override
  public void putAction(ActionId id, OutputId output, long size, byte[] record) throws IOException {
    byte[] body = ActionResultCodec.encode(output, size, record);
    put("ac/" + id.hex(), body.length, out -> out.write(body));
  }

  @Override
  public boolean getOutput(OutputId id, long size, OutputStream sink) throws IOException {
    String key = "cas/" + id.hex();
    HttpURLConnection c = connect("GET", key);
    boolean found;
    try {
      found = found(c, "get", key);
    } catch (IOException e) {
      throw errors.failure("get", key, e, null);
    }
    if (found) {
      copyBody(c, sink, Long.MAX_VALUE, size, key);
    }
    return found;
  }

  @Override
  public void putOutput(OutputId id, Path file, long size) throws IOException {
    put("cas/" + id.hex(), size, out -> Files.copy(file, out));
  }

  @Override
  public boolean hasOutput(OutputId id) throws IOException {
    String key = "cas/" + id.hex();
    try {
      return found(connect("HEAD", key), "head", key);
    } catch (IOException e) {
      throw errors.failure("head", key, e, null);
    }
  }

  @Override
  public void close() {
    // HttpURLConnection keeps no state of ours; idle kept-alive sockets close on their own.
  }

  /** Writes a body of {@code length} bytes, under a deadline for the whole exchange. */
  private void put(String key, long length, BodyWriter writer) throws IOException {
    HttpURLConnection c = connect("PUT", key);
    c.setDoOutput(true);
    c.setFixedLengthStreamingMode(length);
    c.setRequestProperty("Content-Type", "application/octet-stream");
    try (TransferDeadline deadline =
        TransferDeadline.arm(options.transferTimeout(length), c::disconnect)) {
      try {
        try (OutputStream out = c.getOutputStream()) {
          writer.write(out);
        }
        int status = errors.status(c);
        if (status != 200 && status != 201 && status != 204) {
          throw errors.unexpected("put", key, status, c);
        }
        errors.drain(c, status);
      } catch (IOException e) {
        throw errors.failure("put", key, e, deadline);
      }
    }
  }

  /** True on 200, false (the connection drained) on 404; an IOException on anything else. */
  private boolean found(HttpURLConnection c, String op, String key) throws IOException {
    int status = errors.status(c);
    if (status == 200) {
      return true;
    }
    if (status != 404) {
      throw errors.unexpected(op, key, status, c);
    }
    errors.drain(c, status);
    return false;
  }

  /**
   * Copies a 200 response's body into {@code sink}. The sink's own exceptions pass through as they
   * are (the caller fails it on purpose); the connection's become messages naming the key. The
   * deadline is reckoned from {@code expected} bytes, the size the caller knows, whatever the
   * server announces.
   */
  private void copyBody(
      HttpURLConnection c, OutputStream sink, long limit, long expected, String key)
      throws IOException {
    long length = c.getContentLengthLong();
    if (length > limit) {
      c.disconnect();
      throw errors.malformed("get", key, length + " bytes, more than the " + limit + " expected");
    }
    try (TransferDeadline deadline =
            TransferDeadline.arm(options.transferTimeout(expected), c::disconnect);
        InputStream in = c.getInputStream()) {
      byte[] buf = new byte[1 << 16];
      long total = 0;
      for (int n; (n = read(in, buf, key, deadline)) >= 0; ) {
        total += n;
        if (total > limit) {
          c.disconnect();
          throw errors.malformed("get", key, "more than the " + limit + " bytes expected");
        }
        sink.write(buf, 0, n);
      }
      // The deadline's disconnect can end a blocked read as an end of stream rather than an
      // exception: a body cut that way is a timeout, never a whole output.
      if (deadline.expired()) {
        throw errors.failure("get", key, new IOException("transfer cut at its deadline"), deadline);
      }
      if (length >= 0 && total != length) {
        throw errors.malformed(
            "get", key, "the body ended after " + total + " of the " + length + " bytes announced");
      }
    }
  }

  private int read(InputStream in, byte[] buf, String key, TransferDeadline deadline)
      throws IOException {
    try {
      return in.read(buf);
    } catch (IOException e) {
      throw errors.failure("get", key, e, deadline);
    }
  }

  private HttpURLConnection connect(String method, String key) throws IOException {
    try {
      return location.open(method, key, options);
    } catch (IOException | IllegalArgumentException e) {
      throw errors.failure(method.toLowerCase(Locale.ROOT), key, e, null);
    }
  }

  /** Writes a request body. */
  @FunctionalInterface
  private interface BodyWriter {
    void write(OutputStream out) throws IOException;
  }
}
