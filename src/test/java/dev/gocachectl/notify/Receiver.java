package dev.gocachectl.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on a loopback port (the JDK's HTTP server) that a test makes fail (answer with
 * a status), hang (never answer until released) or work; every request it read is kept, with the
 * answer it got.
 */
final class Receiver implements AutoCloseable {
  /** One request as received. */
  record Request(String path, Map<String, String> headers, byte[] body, int answered) {
    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final HttpServer server;

  /** Requests to answer with {@link #failStatus} before answering 200 again. */
  final AtomicInteger failNext = new AtomicInteger();

  volatile int failStatus = 503;
  private volatile CountDownLatch hang = new CountDownLatch(0);

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        x -> {
          byte[] body;
          try (InputStream in = x.getRequestBody()) {
            body = in.readAllBytes();
          }
          Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
          x.getRequestHeaders().forEach((k, v) -> h.put(k, v.getFirst()));
          CountDownLatch hanging = hang;
          if (hanging.getCount() > 0) {
            requests.add(new Request(x.getRequestURI().getPath(), h, body, 0));
            try {
              hanging.await(); // the receiver hangs: no answer
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            x.close();
            return;
          }
          int code = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failStatus : 200;
          requests.add(new Request(x.getRequestURI().getPath(), h, body, code));
          x.sendResponseHeaders(code, -1);
          x.close();
        });
    server.start();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** From now on every request waits, unanswered, until {@link #recover}. */
  void hang() {
    hang = new CountDownLatch(1);
  }

  /** Answers again: releases the hanging requests (closed without an answer). */
  void recover() {
    hang.countDown();
    failNext.set(0);
  }

  /** The next request, waiting up to 30 s for it. */
  Request next() throws InterruptedException {
    Request r = requests.poll(30, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request reached the receiver in 30 s");
    }
    return r;
  }

  @Override
  public void close() {
    recover();
    server.stop(0);
  }
}
