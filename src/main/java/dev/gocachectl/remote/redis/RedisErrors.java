package dev.gocachectl.remote.redis;

import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStoreException;
import dev.gocachectl.units.Causes;
import java.net.SocketTimeoutException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** Explains Jedis's exceptions, naming the store, the operation and the key. */
final class RedisErrors {
  private final RedisLocation location;
  private final RemoteOptions options;

  RedisErrors(RedisLocation location, RemoteOptions options) {
    this.location = location;
    this.options = options;
  }

  /** Jedis's exception as a message naming the store, the operation and the key. */
  RemoteStoreException failure(String op, String key, JedisException e) {
    String message = String.valueOf(e.getMessage());
    boolean timedOut =
        causedBy(e, SocketTimeoutException.class)
            || message.startsWith("Could not get a resource from the pool");
    String problem;
    if (timedOut) {
      problem = "timed out (" + timeouts() + "): " + message;
    } else if (message.startsWith("WRONGPASS") || message.startsWith("NOAUTH")) {
      problem =
          message
              + "; check the password in the URL or $"
              + RedisLocation.PASSWORD_ENV
              + " (and USER@ for an ACL user)";
    } else if (e instanceof JedisConnectionException) {
      problem = "cannot reach Redis (" + message + "); is the server running at that address?";
    } else if (e instanceof JedisDataException) {
      problem = "Redis answered an error: " + message;
    } else {
      problem = e.getClass().getSimpleName() + ": " + message;
    }
    return new RemoteStoreException(location.describe(), op, key, problem, timedOut, e);
  }

  private String timeouts() {
    return "connect timeout "
        + options.connectTimeout().toMillis()
        + " ms, socket timeout "
        + options.requestTimeout().toMillis()
        + " ms";
  }

  /** Through causes and suppressed exceptions, which a client's clean-up can make a cycle of. */
  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    return Causes.withSuppressed(e).stream().anyMatch(type::isInstance);
  }
}
