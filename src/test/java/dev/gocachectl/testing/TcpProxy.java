package dev.gocachectl.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A TCP proxy on a free loopback port in front of a real server, for faults the server itself does
 * not make: added latency on every chunk in both directions (how S3 is, seen from a CI runner), and
 * a hook that fires once the clients have sent a number of bytes (to stop the server mid-build).
 * Also runnable on its own for the benchmarks: {@code java ... TcpProxy LISTEN_PORT UPSTREAM_PORT
 * DELAY_MS}.
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int upstream;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicLong upBytes = new AtomicLong();
  private volatile long delayMillis;
  private volatile long triggerAt = Long.MAX_VALUE;
  private volatile LongConsumer trigger;

  private TcpProxy(ServerSocket server, int upstream) {
    this.server = server;
    this.upstream = upstream;
    Thread.ofPlatform().daemon().name("proxy-accept").start(this::accept);
  }

  /** A proxy to {@code 127.0.0.1:upstreamPort} on a free port. */
  public static TcpProxy to(int upstreamPort) {
    return on(0, upstreamPort);
  }

  static TcpProxy on(int port, int upstreamPort) {
    try {
      return new TcpProxy(
          new ServerSocket(port, 128, InetAddress.getLoopbackAddress()), upstreamPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Adds this delay before every chunk relayed, each way. */
  public TcpProxy delay(long millis) {
    this.delayMillis = millis;
    return this;
  }

  /** Calls {@code hook} once, with the byte count, when clients have sent {@code bytes}. */
  public TcpProxy whenClientsSent(long bytes, LongConsumer hook) {
    this.trigger = hook;
    this.triggerAt = bytes;
    return this;
  }

  /** Bytes the clients sent so far. */
  public long clientBytes() {
    return upBytes.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket up = new Socket();
        try {
          up.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstream), 2000);
        } catch (IOException e) {
          client.close(); // the server is down: the client sees the connection drop
          continue;
        }
        sockets.add(client);
        sockets.add(up);
        pump(client, up, true);
        pump(up, client, false);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(Socket from, Socket to, boolean clientToServer) {
    Thread.ofPlatform()
        .daemon()
        .name("proxy-pump")
        .start(
            () -> {
              byte[] buf = new byte[64 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                  if (delayMillis > 0) {
                    Thread.sleep(delayMillis); // the simulated network delay itself
                  }
                  out.write(buf, 0, n);
                  out.flush();
                  if (clientToServer) {
                    long total = upBytes.addAndGet(n);
                    LongConsumer t = trigger;
                    if (total >= triggerAt && t != null) {
                      trigger = null;
                      t.accept(total);
                    }
                  }
                }
              } catch (IOException | InterruptedException e) {
                // one side went away
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            });
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing
    }
    sockets.forEach(TcpProxy::closeQuietly);
  }

  public static void main(String[] args) throws InterruptedException {
    TcpProxy p = on(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
    p.delay(Long.parseLong(args[2]));
    System.err.println(
        "proxy 127.0.0.1:" + p.port() + " -> " + args[1] + ", " + args[2] + " ms a chunk");
    Thread.currentThread().join();
  }
}
