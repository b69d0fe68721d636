package dev.gocachectl.remote.http;

import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.StoreUrl;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Where an HTTP cache with bazel-remote's API is and how to log in: {@code
 * http[s]://[USER[:PASSWORD]@]HOST[:PORT][/PREFIX]}. The URL's user and password win over {@code
 * $GOCACHECTL_HTTP_USER} and {@code $GOCACHECTL_HTTP_PASSWORD}.
 *
 * @param base {@code http[s]://HOST[:PORT][/PREFIX]}, no trailing slash and no credentials
 * @param user null for no authentication
 * @param password never shown; empty if a user has none
 */
public record HttpLocation(String base, String user, String password) {
  static final String USER_ENV = "GOCACHECTL_HTTP_USER";
  static final String PASSWORD_ENV = "GOCACHECTL_HTTP_PASSWORD";

  /** Reads an {@code http} or {@code https} URL; the environment supplies missing credentials. */
  public static HttpLocation of(StoreUrl url, Map<String, String> env) {
    url.allowOnly(List.of());
    if (url.authority().isEmpty() || url.authority().contains(",")) {
      throw new IllegalArgumentException("an http(s) URL needs one HOST[:PORT]");
    }
    String prefix = url.path().replaceAll("/+$", "");
    String user = url.user() != null ? url.user() : env.get(USER_ENV);
    String password = url.password() != null ? url.password() : env.get(PASSWORD_ENV);
    if (user == null && password != null) {
      throw new IllegalArgumentException(
          "a password but no user: put USER@ in the URL or set $" + USER_ENV);
    }
    String base = url.scheme() + "://" + url.authority() + (prefix.isEmpty() ? "" : "/" + prefix);
    return new HttpLocation(base, user, user == null ? null : password == null ? "" : password);
  }

  /**
   * A connection for {@code METHOD base/key}: the connect timeout, the request timeout for each
   * read, no caches, no redirects followed, and the basic-auth header if there is a user.
   */
  HttpURLConnection open(String method, String key, RemoteOptions options) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url(key)).toURL().openConnection();
    c.setRequestMethod(method);
    c.setConnectTimeout(millis(options.connectTimeout()));
    c.setReadTimeout(millis(options.requestTimeout()));
    c.setUseCaches(false);
    c.setInstanceFollowRedirects(false);
    String authorization = authorization();
    if (authorization != null) {
      c.setRequestProperty("Authorization", authorization);
    }
    return c;
  }

  private static int millis(Duration d) {
    return Math.clamp(d.toMillis(), 1, Integer.MAX_VALUE);
  }

  /** The {@code Authorization} header's value, or null without a user. */
  private String authorization() {
    if (user == null) {
      return null;
    }
    String pair = user + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** The URL of {@code ac/HEX} or {@code cas/HEX}. */
  private String url(String key) {
    return base + "/" + key;
  }

  /** The base URL, without credentials. */
  String describe() {
    return base;
  }

  @Override
  public String toString() {
    return describe();
  }
}
