package dev.gocachectl.remote.redis;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.RemoteStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A store on Redis, standalone or Cluster, through Jedis ({@link UnifiedJedis}: one client type for
 * both). Keys, values being the bytes as they are:
 *
 * <pre>
 * {prefix}:ac:{action hex}     the record
 * {prefix}:cas:{output hex}    the output (only outputs up to max-object, default 64 MiB)
 * </pre>
 *
 * The prefix defaults to {@code gocachectl} ({@code prefix=} in the URL; empty gives {@code
 * ac:...}). Every key is written with the TTL (default 7 days) and every hit sets it again ({@code
 * GETRANGE} and {@code EXPIRE} in one round trip, never more bytes than the record allows; {@code
 * EXPIRE} alone for {@link #hasOutput}), so entries in use do not expire and unused ones go. With
 * {@code ttl=0} keys never expire. Outputs over max-object are not stored: {@link #maxOutputSize()}
 * tells the tier, and a {@link #putOutput} of one fails.
 *
 * <p>Each command is bounded by the connect and socket timeouts of {@link RemoteOptions}, and by
 * the connect timeout when all pooled connections are busy. Jedis does not retry standalone
 * commands; in a cluster it follows one MOVED/ASK redirection or, after a connection failure, tries
 * once more with a refreshed slot map (two attempts, within the request timeout). The client is
 * made at the first call: making a cluster client asks a node for the slot map, which must not
 * happen on the handshake path nor fail the opening of a store whose server is down for now.
 */
public final class RedisStore implements RemoteStore {
  private final RedisLocation location;
  private final RedisConnector connector;
  private final RedisErrors errors;
  private final long ttlSeconds;

  public RedisStore(RedisLocation location, RemoteOptions options) {
    this.location = location;
    this.connector = new RedisConnector(location, options);
    this.errors = new RedisErrors(location, options);
    this.ttlSeconds = location.ttl().toSeconds();
  }

  @Override
  public String describe() {
    return location.describe();
  }

  @Override
  public byte[] getAction(ActionId id) throws IOException {
    String key = "ac:" + id.hex();
    byte[] record = get(key, MAX_RECORD);
    if (record != null && record.length > MAX_RECORD) {
      throw new RemoteStoreException(
          describe(),
          "get",
          key(key),
          "a value of more than "
              + MAX_RECORD
              + " bytes, which no record is: another program writes under this prefix? (choose"
              + " another with prefix= in the URL)",
          false,
          null);
    }
    return record;
  }

  @Override
  public void putAction(ActionId id, OutputId output, long size, byte[] record) throws IOException {
    set("ac:" + id.hex(), record);
  }

  @Override
  public boolean getOutput(OutputId id, long size, OutputStream sink) throws IOException {
    // one byte more than the record says, so that a longer value is seen (and refused) as such
    byte[] value = get("cas:" + id.hex(), size);
    if (value == null) {
      return false;
    }
    for (int off = 0; off < value.length; off += PIECE) {
      sink.write(value, off, Math.min(PIECE, value.length - off));
    }
    return true;
  }

  /**
   * Jedis holds a whole value in one array, but it goes to and from files in pieces of this size: a
   * file channel given a heap array of several MiB copies it through a temporary direct buffer of
   * that size, which on a virtual thread is allocated and freed every time (measured: 4.8 s of
   * system time in a build fetching 390 MiB, against 0.6 s in pieces).
   */
  private static final int PIECE = 64 << 10;

  private static byte[] readFile(Path file, long size) throws IOException {
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException(file + ": " + size + " bytes is too large for one Redis value");
    }
    byte[] all = new byte[(int) size];
    try (InputStream in = Files.newInputStream(file)) {
      int off = 0;
      for (int n;
          off < all.length && (n = in.read(all, off, Math.min(PIECE, all.length - off))) > 0; ) {
        off += n;
      }
      if (off != all.length || in.read() >= 0) {
        throw new IOException(
            file + " changed size while being read (expected " + size + " bytes)");
      }
    }
    return all;
  }

  @Override
  public void putOutput(OutputId id, Path file, long size) throws IOException {
    String key = "cas:" + id.hex();
    if (size > location.maxObject()) {
      throw new RemoteStoreException(
          describe(),
          "put",
          key(key),
          size + " bytes is over max-object (" + location.maxObject() + "); it skips Redis",
          false,
          null);
    }
    set(key, readFile(file, size));
  }

  @Override
  public boolean hasOutput(OutputId id) throws IOException {
    String key = "cas:" + id.hex();
    byte[] k = keyBytes(key);
    try {
      UnifiedJedis redis = connector.client();
      return ttlSeconds == 0 ? redis.exists(k) : redis.expire(k, ttlSeconds) == 1;
    } catch (JedisException e) {
      throw errors.failure("exists", key(key), e);
    }
  }

  @Override
  public long maxOutputSize() {
    return location.maxObject();
  }

  @Override
  public String sizeLimitAdvice() {
    return "raise max-object in the Redis URL (now "
        + location.maxObject()
        + " bytes; e.g. ?max-object=128MiB, at most 512MiB: each output is held in Redis's memory)";
  }

  @Override
  public void close() {
    connector.close();
  }

  /**
   * The value's bytes up to {@code end} (inclusive; -1 for all), its TTL set again; null if absent.
   * A value longer than the caller can use is never read whole: with {@code GET}, a 512 MB value
   * that an untrusted writer put under a record's key would be read on every lookup, by every
   * lookup at once. One round trip ({@link RedisConnector#getRange}).
   */
  private byte[] get(String key, long end) throws IOException {
    try {
      return connector.getRange(keyBytes(key), end, ttlSeconds);
    } catch (JedisException e) {
      throw errors.failure("get", key(key), e);
    }
  }

  private void set(String key, byte[] value) throws IOException {
    try {
      connector.set(keyBytes(key), value, ttlSeconds);
    } catch (JedisException e) {
      throw errors.failure("set", key(key), e);
    }
  }

  /** The full key: {@code {prefix}:ac:HEX}, or {@code ac:HEX} with an empty prefix. */
  private String key(String suffix) {
    return location.prefix().isEmpty() ? suffix : location.prefix() + ":" + suffix;
  }

  private byte[] keyBytes(String suffix) {
    return key(suffix).getBytes(StandardCharsets.UTF_8);
  }
}
