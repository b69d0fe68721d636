package dev.gocachectl.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A TCP proxy on a free loopback port in front of a real server, for faults the server itself does
 * not make: added latency in both directions (how S3 is, seen from a CI runner), and a hook that
 * fires once the clients have sent a number of bytes (to stop the server mid-build).
 *
 * <p>Latency, not a bandwidth cap: each chunk read is stamped and written out once it is {@code
 * delay} old, while the next chunks are already being read, as on a long wire. {@link
 * #cutAtFirstAnswer} loses an answer on the way: the server did the work, the client never hears.
 * Also runnable on its own for the benchmarks: {@code java ... TcpProxy LISTEN_PORT UPSTREAM_PORT
 * RTT_MS} (half the round trip each way; fractions allowed).
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int upstream;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicLong upBytes = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger connections =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile long delayNanos;
  private volatile long triggerAt = Long.MAX_VALUE;
  private volatile LongConsumer trigger;
  private final java.util.concurrent.atomic.AtomicReference<Runnable> atAnswer =
      new java.util.concurrent.atomic.AtomicReference<>();

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

  /** Adds this one-way delay to every byte relayed, each way (a round trip gains twice it). */
  public TcpProxy delay(long millis) {
    this.delayNanos = millis * 1_000_000;
    return this;
  }

  /** Calls {@code hook} once, with the byte count, when clients have sent {@code bytes}. */
  public TcpProxy whenClientsSent(long bytes, LongConsumer hook) {
    this.trigger = hook;
    this.triggerAt = bytes;
    return this;
  }

  /**
   * Once, when the server's first bytes come back on any connection: runs {@code hook} (say, kills
   * the server), then drops those bytes and closes that connection, so the client never gets the
   * answer to a request the server had already done.
   */
  public TcpProxy cutAtFirstAnswer(Runnable hook) {
    atAnswer.set(hook);
    return this;
  }

  /** Connections the clients opened so far. */
  public int connections() {
    return connections.get();
  }

  /** Bytes the clients sent so far. */
  public long clientBytes() {
    return upBytes.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
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

  private record Chunk(byte[] bytes, long due) {}

  private static final Chunk END = new Chunk(new byte[0], 0);

  /** Relays one direction: a reader thread, and a writer thread that holds each chunk back. */
  private void pump(Socket from, Socket to, boolean clientToServer) {
    BlockingQueue<Chunk> wire = new LinkedBlockingQueue<>();
    Thread.ofPlatform()
        .daemon()
        .name("proxy-read")
        .start(
            () -> {
              byte[] buf = new byte[64 * 1024];
              try (InputStream in = from.getInputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                  Runnable cut = clientToServer ? null : atAnswer.getAndSet(null);
                  if (cut != null) {
                    cut.run();
                    closeQuietly(from);
                    closeQuietly(to);
                    break;
                  }
                  wire.add(new Chunk(Arrays.copyOf(buf, n), System.nanoTime() + delayNanos));
                  if (clientToServer) {
                    long total = upBytes.addAndGet(n);
                    LongConsumer t = trigger;
                    if (total >= triggerAt && t != null) {
                      trigger = null;
                      t.accept(total);
                    }
                  }
                }
              } catch (IOException e) {
                // one side went away
              } finally {
                wire.add(END);
              }
            });
    Thread.ofPlatform()
        .daemon()
        .name("proxy-write")
        .start(
            () -> {
              try (OutputStream out = to.getOutputStream()) {
                for (Chunk c; (c = wire.take()) != END; ) {
                  long wait = c.due() - System.nanoTime();
                  if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // the wire's delay
                  }
                  out.write(c.bytes());
                  out.flush();
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
    p.delayNanos = (long) (Double.parseDouble(args[2]) * 1_000_000 / 2);
    System.err.println(
        "proxy 127.0.0.1:" + p.port() + " -> " + args[1] + ", round trip +" + args[2] + " ms");
    Thread.currentThread().join();
  }
}
