package dev.gocachectl.remote.stores;

import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.StoreUrl;
import dev.gocachectl.remote.http.HttpLocation;
import dev.gocachectl.remote.http.HttpStore;
import dev.gocachectl.remote.redis.RedisLocation;
import dev.gocachectl.remote.redis.RedisStore;
import dev.gocachectl.remote.s3.S3Location;
import dev.gocachectl.remote.s3.S3Store;
import java.io.IOException;
import java.util.Map;

/**
 * Opens a {@link RemoteStore} from the URL given to {@code --remote}: the one place that knows
 * every backend, in a package of its own so that {@code remote} and its backends do not depend on
 * each other both ways ({@code remote} takes it as a {@link RemoteStore.Opener}).
 *
 * <pre>
 * s3://BUCKET[/PREFIX][?endpoint=URL&amp;region=REGION&amp;path-style=true]
 *     S3 or any S3-compatible server (MinIO, Ceph, s3proxy) through the AWS SDK v2; credentials
 *     from the SDK's default chain (AWS_ACCESS_KEY_ID..., profiles, instance roles), never in the
 *     URL and never printed. The region is region=, else $AWS_REGION, else $AWS_DEFAULT_REGION,
 *     else us-east-1 (and then S3's redirects to a bucket's own region are followed). Servers
 *     other than AWS usually need path-style=true.
 * redis://[USER[:PASSWORD]@]HOST:PORT[/DB][?prefix=P&amp;ttl=7d&amp;max-object=64MiB]
 * rediss://...                                    the same over TLS
 * redis+cluster://HOST:PORT[,HOST:PORT...][?...]  Redis Cluster (rediss+cluster:// over TLS)
 *     a password may also come from $GOCACHECTL_REDIS_PASSWORD, to keep it off command lines;
 *     the TTL is refreshed on every hit; outputs over max-object skip Redis.
 * http://[USER[:PASSWORD]@]HOST:PORT[/PATH]  and  https://...
 *     bazel-remote's HTTP API (/ac/, /cas/), optionally with basic auth; credentials may also come
 *     from $GOCACHECTL_HTTP_USER and $GOCACHECTL_HTTP_PASSWORD.
 * </pre>
 *
 * Characters {@code / ? # @ %} in a password must be percent-encoded. Opening does not contact the
 * server (a server that is down at start is an error at the first request, not here), but may be
 * slow: the AWS SDK takes most of a second to start cold; the tier opens stores on a background
 * thread.
 */
public final class RemoteStores {
  static {
    // HttpURLConnection (bazel-remote's store, and the S3 client's) keeps 5 idle connections per
    // host by default; prefetches and lookups run 32 at a time each, and a connection closed after
    // every request costs a handshake per request. Read lazily by the JDK, so set before first use.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "64");
    }
  }

  /** The accepted forms, for usage messages. */
  public static final String FORMS =
      """
        s3://BUCKET[/PREFIX][?endpoint=URL&region=REGION&path-style=true]
        redis://[USER[:PASSWORD]@]HOST:PORT[/DB][?prefix=P&ttl=7d&max-object=64MiB]
        rediss://...  (TLS)   redis+cluster://HOST:PORT[,HOST:PORT...][?...]   rediss+cluster://...
        http://[USER[:PASSWORD]@]HOST:PORT[/PATH]   https://...   (bazel-remote's HTTP API)\
      """;

  private RemoteStores() {}

  /**
   * Opens a store.
   *
   * @param env the environment, for credentials and settings that may come from it
   * @throws IllegalArgumentException if the URL is not one of the forms above (a usage error: the
   *     message quotes the URL without its password and shows the accepted forms)
   * @throws IOException if the client cannot be set up
   */
  public static RemoteStore open(String url, RemoteOptions options, Map<String, String> env)
      throws IOException {
    return locate(url, env).open(options);
  }

  /**
   * Checks a URL (and the settings it takes from the environment) without opening anything, so that
   * a mistyped {@code --remote} is a usage error before go starts, not a tier that fails on every
   * lookup.
   *
   * @throws IllegalArgumentException as {@link #open} does
   */
  public static void check(String url, Map<String, String> env) {
    locate(url, env);
  }

  /** A located store, not yet opened. */
  @FunctionalInterface
  private interface Located {
    RemoteStore open(RemoteOptions options) throws IOException;
  }

  private static Located locate(String url, Map<String, String> env) {
    try {
      StoreUrl parsed = StoreUrl.parse(url);
      return switch (parsed.scheme()) {
        case "s3" -> {
          S3Location at = S3Location.of(parsed, env);
          yield options -> new S3Store(at, options, env);
        }
        case "redis", "rediss", "redis+cluster", "rediss+cluster" -> {
          RedisLocation at = RedisLocation.of(parsed, env);
          yield options -> new RedisStore(at, options);
        }
        case "http", "https" -> {
          HttpLocation at = HttpLocation.of(parsed, env);
          yield options -> new HttpStore(at, options);
        }
        default -> throw new IllegalArgumentException("unknown scheme " + parsed.scheme() + "://");
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid remote URL '"
              + StoreUrl.redact(url)
              + "': "
              + e.getMessage()
              + "; accepted forms:\n"
              + FORMS,
          e);
    }
  }
}
