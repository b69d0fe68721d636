package dev.gocachectl.remote.redis;

import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.TransferDeadline;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Makes the Jedis client of a {@link RedisStore} at first use (and again after a failed attempt)
 * and runs the writes that need a deadline of their own.
 */
final class RedisConnector implements AutoCloseable {
  /** Connections per store; the tier's uploads, lookups and prefetches share them. */
  private static final int POOL_SIZE = 48;

  private final RedisLocation location;
  private final RemoteOptions options;

  /**
   * After a failed attempt to make the client, callers within this long get that failure at once
   * instead of trying again, one after another, behind the lock: a cluster client asks its seeds
   * for the slot map as it is made, and with frozen seeds each attempt waits out the timeouts: 32
   * lookups queued here would wait 32 times as long as the first.
   */
  private static final long RETRY_AFTER_NANOS = 2_000_000_000L;

  private volatile UnifiedJedis client;
  private boolean closed;
  private JedisException lastFailure;
  private long failedAt;

  RedisConnector(RedisLocation location, RemoteOptions options) {
    this.location = location;
    this.options = options;
  }

  /** The client, made now if need be; a cluster client asks a node for the slot map. */
  UnifiedJedis client() {
    UnifiedJedis c = client;
    return c != null ? c : make();
  }

  private synchronized UnifiedJedis make() {
    if (closed) {
      throw new JedisException("the store is closed");
    }
    if (client == null) {
      long now = System.nanoTime();
      if (lastFailure != null && now - failedAt < RETRY_AFTER_NANOS) {
        throw lastFailure instanceof JedisConnectionException
            ? new JedisConnectionException(lastFailure.getMessage(), lastFailure)
            : new JedisException(lastFailure.getMessage(), lastFailure);
      }
      try {
        client = location.cluster() ? cluster() : standalone();
        lastFailure = null;
      } catch (JedisException e) {
        lastFailure = e;
        failedAt = System.nanoTime();
        throw e;
      }
    }
    return client;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (client != null) {
      client.close();
      client = null;
    }
  }

  /**
   * {@code SET key value [EX ttl]} on a connection of its own, under a {@link TransferDeadline}
   * that closes that connection: a socket write has no timeout, and a server that stops reading
   * (hung, or frozen) would hold the writer forever once a value exceeds the socket buffers. In a
   * cluster the connection is the slot owner's; a MOVED answer refreshes the slot map and the write
   * is tried once more.
   */
  void set(byte[] key, byte[] value, long ttlSeconds) {
    CommandArguments args = new CommandArguments(Protocol.Command.SET).key(key).add(value);
    if (ttlSeconds > 0) {
      args.add(Protocol.Keyword.EX).add(ttlSeconds);
    }
    Duration timeout = options.transferTimeout(value.length);
    for (int attempt = 0; ; attempt++) {
      UnifiedJedis redis = client();
      Connection c = connection(redis, key);
      TransferDeadline deadline = TransferDeadline.arm(timeout, c::disconnect);
      try {
        c.executeCommand(args);
        deadline.close();
        if (deadline.expired()) {
          c.setBroken(); // closed by the deadline just as the answer came: not reusable
        }
        return;
      } catch (JedisMovedDataException e) {
        if (attempt > 0) {
          throw e;
        }
        ((RedisClusterClient) redis).refreshClusterTopology();
      } catch (JedisConnectionException e) {
        c.setBroken();
        throw deadline.expired()
            ? new JedisConnectionException(
                new SocketTimeoutException("the write took over " + timeout.toMillis() + " ms"))
            : e;
      } finally {
        deadline.close();
        release(c);
      }
    }
  }

  /**
   * {@code GETRANGE key 0 end} and {@code EXPIRE key ttl} ({@code EXISTS key} without a TTL),
   * pipelined on one connection: one round trip. Null if the key is absent (the second answer tells
   * it from an empty value). In a cluster the connection is the slot owner's and a MOVED answer
   * refreshes the slot map for one more try, as in {@link #set}; Jedis's own cluster pipeline is
   * not used because on a failed connection it leaves its answers unset instead of throwing.
   *
   * @param end the last byte wanted (inclusive), or -1 for the whole value
   */
  byte[] getRange(byte[] key, long end, long ttlSeconds) {
    for (int attempt = 0; ; attempt++) {
      UnifiedJedis redis = client();
      Connection c = connection(redis, key);
      try {
        Pipeline p = new Pipeline(c);
        Response<byte[]> value = p.getrange(key, 0, end);
        Response<Long> refreshed = ttlSeconds == 0 ? null : p.expire(key, ttlSeconds);
        Response<Boolean> exists = ttlSeconds == 0 ? p.exists(key) : null;
        p.sync();
        boolean found = refreshed != null ? refreshed.get() == 1 : exists.get();
        return found ? value.get() : null;
      } catch (JedisMovedDataException e) {
        if (attempt > 0 || !(redis instanceof RedisClusterClient cluster)) {
          throw e;
        }
        cluster.refreshClusterTopology();
      } catch (JedisConnectionException e) {
        c.setBroken();
        throw e;
      } finally {
        release(c);
      }
    }
  }

  /** A connection for {@code key}: the slot owner's in a cluster, else one from the pool. */
  private static Connection connection(UnifiedJedis redis, byte[] key) {
    return redis instanceof RedisClusterClient cluster
        ? cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(key))
        : ((RedisClient) redis).getPool().getResource();
  }

  /** Returns a connection to its pool (a broken one is dropped); that cannot fail the call. */
  private static void release(Connection c) {
    try {
      c.close();
    } catch (JedisException e) {
      // The pool could not take back a connection that the deadline closed: it is gone anyway.
    }
  }

  private UnifiedJedis standalone() {
    RedisLocation.Node node = location.nodes().getFirst();
    return RedisClient.builder()
        .hostAndPort(new HostAndPort(node.host(), node.port()))
        .clientConfig(config(location.db()))
        .poolConfig(pool())
        .build();
  }

  private UnifiedJedis cluster() {
    Set<HostAndPort> seeds = new LinkedHashSet<>();
    for (RedisLocation.Node n : location.nodes()) {
      seeds.add(new HostAndPort(n.host(), n.port()));
    }
    return RedisClusterClient.builder()
        .nodes(seeds)
        .clientConfig(config(0))
        .poolConfig(pool())
        .maxAttempts(2)
        .maxTotalRetriesDuration(options.requestTimeout())
        .build();
  }

  private DefaultJedisClientConfig config(int db) {
    DefaultJedisClientConfig.Builder b =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(millis(options.connectTimeout()))
            .socketTimeoutMillis(millis(options.requestTimeout()))
            .user(location.user())
            .password(location.password());
    if (location.tls()) {
      b.sslOptions(SslOptions.defaults()); // the JDK's trust store, host names verified
    }
    return db == 0 ? b.build() : b.database(db).build();
  }

  private ConnectionPoolConfig pool() {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(POOL_SIZE);
    pool.setMaxIdle(POOL_SIZE);
    pool.setMaxWait(options.connectTimeout());
    pool.setJmxEnabled(false); // JMX registration costs start-up time and names nothing useful
    return pool;
  }

  private static int millis(Duration d) {
    return Math.clamp(d.toMillis(), 1, Integer.MAX_VALUE);
  }
}
