package dev.gocachectl.remote;

import java.time.Duration;

/**
 * How a store talks to its server.
 *
 * @param connectTimeout to establish a connection
 * @param requestTimeout for one whole request (a get of a large output gets {@link
 *     #transferTimeout(long)} instead)
 * @param bytesPerSecondFloor the slowest transfer rate tolerated for large objects, which sets
 *     their timeout
 */
public record RemoteOptions(
    Duration connectTimeout, Duration requestTimeout, long bytesPerSecondFloor) {

  /** Defaults: 2 s to connect, 5 s a request, at least 1 MiB/s for large objects. */
  public static RemoteOptions defaults() {
    return new RemoteOptions(Duration.ofSeconds(2), Duration.ofSeconds(5), 1L << 20);
  }

  /** The timeout for moving {@code bytes}: the request timeout plus the time at the floor rate. */
  public Duration transferTimeout(long bytes) {
    return requestTimeout.plusMillis(bytes * 1000 / Math.max(1, bytesPerSecondFloor));
  }
}
