package dev.gocachectl.remote.redis;

import dev.gocachectl.remote.StoreUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Redis server or cluster and how the store uses it, from {@code
 * redis[s]://[USER[:PASSWORD]@]HOST:PORT[/DB][?prefix=P&ttl=7d&max-object=64MiB]} or {@code
 * redis[s]+cluster://[USER[:PASSWORD]@]HOST:PORT[,HOST:PORT...][?...]}. The URL's password wins
 * over {@code $GOCACHECTL_REDIS_PASSWORD}.
 *
 * @param tls {@code rediss}
 * @param cluster {@code +cluster}: the nodes are seeds, the cluster's topology is asked for
 * @param nodes one or more {@code HOST:PORT}s (port 6379 when left out)
 * @param db the database number (standalone only)
 * @param user null for the default user
 * @param password null for none; never shown
 * @param prefix the start of every key, e.g. {@code gocachectl}, see {@link RedisStore}
 * @param ttl how long an entry lives after its last write or hit; zero for no expiry
 * @param maxObject outputs larger than this skip Redis
 */
public record RedisLocation(
    boolean tls,
    boolean cluster,
    List<Node> nodes,
    int db,
    String user,
    String password,
    String prefix,
    Duration ttl,
    long maxObject) {
  static final String PASSWORD_ENV = "GOCACHECTL_REDIS_PASSWORD";
  static final Duration DEFAULT_TTL = Duration.ofDays(7);

  /**
   * 64 MiB: holds every output of a Go build (the runtime's archive is 13 MB, the largest packages'
   * archives tens of MB), while a value stays well under what Redis holds in memory at once (its
   * own maxmemory policy bounds the total).
   */
  static final long DEFAULT_MAX_OBJECT = 64L << 20;

  /** Redis refuses strings over 512 MB (proto-max-bulk-len); a value is also held in memory. */
  static final long MAX_OBJECT_LIMIT = 512L << 20;

  /** A host and port. */
  public record Node(String host, int port) {
    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  public RedisLocation {
    nodes = List.copyOf(nodes);
  }

  /** Reads a {@code redis}, {@code rediss}, {@code redis+cluster} or {@code rediss+cluster} URL. */
  public static RedisLocation of(StoreUrl url, Map<String, String> env) {
    url.allowOnly(List.of("prefix", "ttl", "max-object"));
    boolean cluster = url.scheme().endsWith("+cluster");
    List<Node> nodes = nodes(url.authority());
    if (!cluster && nodes.size() > 1) {
      throw new IllegalArgumentException(
          "several HOST:PORTs need redis+cluster:// (redis:// takes one server)");
    }
    int db = database(url.path());
    if (cluster && db != 0) {
      throw new IllegalArgumentException("Redis Cluster has only database 0; drop /" + db);
    }
    Duration ttl = url.duration("ttl", DEFAULT_TTL);
    if (!ttl.isZero() && ttl.toSeconds() < 1) {
      throw new IllegalArgumentException("ttl must be at least 1s (or 0 for no expiry)");
    }
    long maxObject = url.size("max-object", DEFAULT_MAX_OBJECT);
    if (maxObject > MAX_OBJECT_LIMIT) {
      throw new IllegalArgumentException("max-object must be at most 512MiB (Redis's limit)");
    }
    String password = url.password() != null ? url.password() : env.get(PASSWORD_ENV);
    String user = url.user() == null || url.user().isEmpty() ? null : url.user();
    return new RedisLocation(
        url.scheme().startsWith("rediss"),
        cluster,
        nodes,
        db,
        user,
        password == null || password.isEmpty() ? null : password,
        url.param("prefix", "gocachectl"),
        ttl,
        maxObject);
  }

  /** The URL without credentials and with the settings that differ from the defaults. */
  String describe() {
    StringBuilder s = new StringBuilder(tls ? "rediss" : "redis").append(cluster ? "+cluster" : "");
    s.append("://").append(String.join(",", nodes.stream().map(Node::toString).toList()));
    if (db != 0) {
      s.append('/').append(db);
    }
    List<String> params = new ArrayList<>();
    if (!prefix.equals("gocachectl")) {
      params.add("prefix=" + prefix);
    }
    return params.isEmpty() ? s.toString() : s + "?" + String.join("&", params);
  }

  @Override
  public String toString() {
    return describe();
  }

  private static List<Node> nodes(String authority) {
    if (authority.isEmpty()) {
      throw new IllegalArgumentException("no HOST:PORT");
    }
    List<Node> nodes = new ArrayList<>();
    for (String hostPort : authority.split(",", -1)) {
      String host = hostPort;
      String port = null;
      int close = hostPort.indexOf(']');
      if (hostPort.startsWith("[") && close > 0) { // [IPv6]:PORT
        host = hostPort.substring(1, close);
        String rest = hostPort.substring(close + 1);
        port = rest.isEmpty() ? null : rest.startsWith(":") ? rest.substring(1) : "";
      } else if (hostPort.indexOf(':') >= 0) {
        host = hostPort.substring(0, hostPort.indexOf(':'));
        port = hostPort.substring(hostPort.indexOf(':') + 1);
      }
      if (host.isEmpty()) {
        throw new IllegalArgumentException("'" + hostPort + "' is not HOST:PORT");
      }
      nodes.add(new Node(host, port == null ? 6379 : port(port)));
    }
    return nodes;
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("port '" + text + "' is not a number from 1 to 65535");
  }

  private static int database(String path) {
    if (path.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseUnsignedInt(path);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the path must be a database number, not '" + path + "'");
    }
  }
}
