package dev.gocachectl.remote;

import java.io.IOException;
import java.util.Map;

/**
 * Opens a {@link RemoteStore} from the URL given to {@code --remote}.
 *
 * <pre>
 * s3://BUCKET[/PREFIX][?endpoint=URL&amp;region=REGION&amp;path-style=true]
 *     S3 or any S3-compatible server (MinIO, Ceph, s3proxy) through the AWS SDK v2; credentials
 *     from the SDK's default chain (AWS_ACCESS_KEY_ID..., profiles, instance roles), never in the
 *     URL and never printed.
 * redis://[USER[:PASSWORD]@]HOST:PORT[/DB][?prefix=P&amp;ttl=7d&amp;max-object=1MiB]
 * rediss://...                                    the same over TLS
 * redis+cluster://HOST:PORT[,HOST:PORT...][?...]  Redis Cluster
 *     a password may also come from $GOCACHECTL_REDIS_PASSWORD, to keep it off command lines;
 *     the TTL is refreshed on every hit; outputs over max-object skip Redis.
 * http://[USER[:PASSWORD]@]HOST:PORT[/PATH]  and  https://...
 *     bazel-remote's HTTP API (/ac/, /cas/), optionally with basic auth; credentials may also come
 *     from $GOCACHECTL_HTTP_USER and $GOCACHECTL_HTTP_PASSWORD.
 * </pre>
 *
 * Opening may be slow (the AWS SDK takes most of a second to start cold); the tier opens stores on
 * a background thread.
 */
public final class RemoteStores {
  private RemoteStores() {}

  /**
   * Opens a store.
   *
   * @throws IllegalArgumentException if the URL is not one of the forms above (a usage error: the
   *     message quotes the URL without its password and shows the accepted forms)
   * @throws IOException if the client cannot be set up
   */
  public static RemoteStore open(String url, RemoteOptions options, Map<String, String> env)
      throws IOException {
    throw new IllegalArgumentException("remote stores are not implemented yet: " + url);
  }
}
