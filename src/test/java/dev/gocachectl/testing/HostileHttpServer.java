package dev.gocachectl.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only HTTP/1.1 server on loopback that misbehaves as no real server here will: it trickles
 * a body, announces one of gigabytes, sends one without end, redirects to itself, or answers bytes
 * given verbatim. It speaks HTTP/1.1 byte for byte: it reads each request's head to its empty line
 * and answers with a status line, headers and a body; one request per connection ({@code
 * Connection: close}). Every connection runs on its own thread, so a client's parallel requests all
 * get the same treatment.
 */
public final class HostileHttpServer implements AutoCloseable {
  /** What the server answers to a request for {@code target} (the request line's path). */
  @FunctionalInterface
  public interface Answer {
    void send(String target, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final Answer answer;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();

  private HostileHttpServer(Answer answer) {
    this.answer = answer;
    try {
      this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofPlatform().daemon().name("hostile-http").start(this::accept);
  }

  /** Starts a server on a free loopback port. */
  public static HostileHttpServer start(Answer answer) {
    return new HostileHttpServer(answer);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Requests read so far. */
  public int requests() {
    return requests.get();
  }

  /**
   * 200 with a Content-Length of {@code claimed} bytes, then one byte every {@code pace}: never
   * silent long enough for a read timeout.
   */
  public static Answer trickle(long claimed, Duration pace) {
    return (target, out) -> {
      out.write(head("200 OK", "Content-Length: " + claimed));
      out.flush();
      for (long i = 0; i < claimed; i++) {
        out.write('x');
        out.flush();
        Thread.sleep(pace.toMillis()); // the hostile pace under test, not a synchronisation
      }
    };
  }

  /** 200 with a chunked body of one-byte chunks, one every {@code pace}, without end. */
  public static Answer trickleChunked(Duration pace) {
    return (target, out) -> {
      out.write(head("200 OK", "Transfer-Encoding: chunked"));
      while (true) {
        out.write("1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(pace.toMillis()); // the hostile pace under test, not a synchronisation
      }
    };
  }

  /** 200 announcing {@code claimed} bytes, sent as fast as the client reads them. */
  public static Answer claims(long claimed) {
    return (target, out) -> {
      out.write(head("200 OK", "Content-Length: " + claimed));
      byte[] chunk = new byte[1 << 16];
      for (long left = claimed; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    };
  }

  /** 200 with a chunked body that never ends, sent as fast as the client reads it. */
  public static Answer endless() {
    return (target, out) -> {
      out.write(head("200 OK", "Transfer-Encoding: chunked"));
      byte[] chunk = new byte[1 << 16];
      byte[] size =
          (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      while (true) {
        out.write(size);
        out.write(chunk);
        out.write('\r');
        out.write('\n');
      }
    };
  }

  /** 302 to the very URL requested, for ever. */
  public static Answer redirectToSelf() {
    return (target, out) ->
        out.write(head("302 Found", "Location: " + target + "\r\nContent-Length: 0"));
  }

  /** {@code status} with these headers (CRLF-separated, no trailing CRLF) and this body. */
  public static Answer canned(String status, String headers, byte[] body) {
    return (target, out) -> {
      out.write(
          head(
              status,
              (headers.isEmpty() ? "" : headers + "\r\n") + "Content-Length: " + body.length));
      out.write(body);
    };
  }

  private static byte[] head(String status, String headers) {
    return ("HTTP/1.1 " + status + "\r\n" + headers + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket c;
      try {
        c = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      open.add(c);
      Thread.ofVirtual().start(() -> serve(c));
    }
  }

  private void serve(Socket c) {
    try (c) {
      String target = readHead(c.getInputStream());
      if (target == null) {
        return;
      }
      requests.incrementAndGet();
      OutputStream out = c.getOutputStream();
      answer.send(target, out);
      out.flush();
    } catch (IOException e) {
      // the client hung up: what the hostile answers are for
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(c);
    }
  }

  /** Reads a request's head to its empty line; returns the request target, or null at EOF. */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    String first = null;
    int state = 0; // CR LF CR LF
    for (int b; state < 4; ) {
      b = in.read();
      if (b < 0) {
        return null;
      }
      if (first == null) {
        if (b == '\n') {
          first = line.toString().strip();
        } else {
          line.append((char) b);
        }
      }
      state = (b == '\r' && state % 2 == 0) || (b == '\n' && state % 2 == 1) ? state + 1 : 0;
    }
    String[] parts = first == null ? new String[0] : first.split(" ");
    return parts.length >= 2 ? parts[1] : "/";
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // closing
      }
    }
  }
}
