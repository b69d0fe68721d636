package dev.gocachectl.remote.http;

import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStoreException;
import dev.gocachectl.remote.TransferDeadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/** Turns what goes wrong in an HTTP exchange into messages that name the store and the key. */
final class HttpErrors {
  private static final int SNIPPET = 200;

  private final String store;
  private final RemoteOptions options;

  HttpErrors(String store, RemoteOptions options) {
    this.store = store;
    this.options = options;
  }

  /**
   * The response status. In streaming mode the JDK reports a 401 as an {@link HttpRetryException}
   * instead; that is a status too.
   */
  int status(HttpURLConnection c) throws IOException {
    try {
      return c.getResponseCode();
    } catch (HttpRetryException e) {
      return e.responseCode();
    }
  }

  /** Reads and closes the rest of a response so that its connection can be reused. */
  void drain(HttpURLConnection c, int status) {
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      if (in != null) {
        in.transferTo(OutputStream.nullOutputStream());
      }
    } catch (IOException e) {
      c.disconnect(); // the connection is not reusable; nothing else to do
    }
  }

  /** A status the exchange does not expect, with what to do about it; closes the response. */
  RemoteStoreException unexpected(String op, String key, int status, HttpURLConnection c) {
    String problem =
        switch (status) {
          case 401, 403 ->
              "HTTP "
                  + status
                  + ": the server refused the credentials; check USER:PASSWORD in the URL or $"
                  + HttpLocation.USER_ENV
                  + " and $"
                  + HttpLocation.PASSWORD_ENV;
          case 507 -> "HTTP 507: the server's disk is full (bazel-remote's max_size_hard_limit)";
          default -> "HTTP " + status + " " + snippet(c);
        };
    return new RemoteStoreException(store, op, key, problem, false, null);
  }

  /** A response that is not what the store keeps under {@code key}. */
  RemoteStoreException malformed(String op, String key, String problem) {
    return new RemoteStoreException(store, op, key, problem, false, null);
  }

  /** An exception from the exchange, explained; one already explained passes through. */
  RemoteStoreException failure(String op, String key, Exception e, TransferDeadline deadline) {
    if (e instanceof RemoteStoreException done) {
      return done;
    }
    String problem;
    boolean timedOut = false;
    if (deadline != null && deadline.expired()) {
      timedOut = true;
      problem =
          "timed out after "
              + deadline.timeout().toMillis()
              + " ms (the whole transfer; the server is slow or stopped reading)";
    } else if (e instanceof SocketTimeoutException) {
      timedOut = true;
      problem =
          "timed out ("
              + e.getMessage()
              + "; connect timeout "
              + options.connectTimeout().toMillis()
              + " ms, read timeout "
              + options.requestTimeout().toMillis()
              + " ms)";
    } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      problem = "cannot connect (" + e.getMessage() + "); is the server running at that address?";
    } else if (e instanceof UnknownHostException) {
      problem = "unknown host " + e.getMessage() + "; check the host name in the URL";
    } else if (e.getClass() == IOException.class) {
      problem = e.getMessage();
    } else {
      problem = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    return new RemoteStoreException(store, op, key, problem, timedOut, e);
  }

  private static String snippet(HttpURLConnection c) {
    try (InputStream in = c.getErrorStream()) {
      if (in == null) {
        return "(no body)";
      }
      String text = new String(in.readNBytes(SNIPPET), StandardCharsets.UTF_8);
      return "(" + text.strip().replaceAll("\\s+", " ") + ")";
    } catch (IOException e) {
      return "(body unreadable: " + e.getMessage() + ")";
    }
  }
}
