package dev.gocachectl.remote;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --remote} URL taken apart: {@code SCHEME://[USER[:PASSWORD]@]AUTHORITY[/PATH][?QUERY]}.
 *
 * <p>The authority ends at the first {@code /} or {@code ?} (RFC 3986), so a password with {@code /
 * ? # @ %} must be percent-encoded; user, password, path and query values are percent-decoded. The
 * authority is kept raw: it may list several {@code HOST:PORT}s (Redis Cluster). Parsing problems
 * are {@link IllegalArgumentException}s whose message never contains the password; {@code
 * remote.stores.RemoteStores} adds the URL (through {@link #redact}) and the accepted forms.
 *
 * @param scheme lower case, e.g. {@code redis+cluster}
 * @param user null if the URL has no user information
 * @param password null if the URL has none
 * @param authority {@code HOST[:PORT][,HOST:PORT...]}, possibly empty
 * @param path without its leading {@code /}, possibly empty
 * @param query parameters in order; a parameter without {@code =} is {@code "true"}
 */
public record StoreUrl(
    String scheme,
    String user,
    String password,
    String authority,
    String path,
    Map<String, String> query) {
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://(.*)");
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

  public StoreUrl {
    query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
  }

  /** Parses a URL; the message of the exception says what is wrong but never quotes it. */
  public static StoreUrl parse(String url) {
    Matcher m = SCHEME.matcher(url.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("no SCHEME:// at the start");
    }
    String rest = m.group(2);
    if (rest.indexOf('#') >= 0) {
      throw new IllegalArgumentException("a '#' fragment is not allowed (percent-encode it: %23)");
    }
    int q = rest.indexOf('?');
    String query = q < 0 ? "" : rest.substring(q + 1);
    String beforeQuery = q < 0 ? rest : rest.substring(0, q);
    int slash = beforeQuery.indexOf('/');
    String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
    String path = slash < 0 ? "" : beforeQuery.substring(slash + 1);
    int at = authority.lastIndexOf('@');
    if (at < 0 && path.indexOf('@') >= 0) {
      throw new IllegalArgumentException(
          "'@' in the path: percent-encode '/' in a password as %2F and '@' as %40");
    }
    String user = null;
    String password = null;
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    return new StoreUrl(
        m.group(1).toLowerCase(Locale.ROOT),
        user,
        password,
        authority,
        decode(path),
        params(query));
  }

  /**
   * The URL with its password replaced by {@code ***}, for messages. Works on text that does not
   * parse too, and errs on the side of hiding: everything between {@code ://USER:} and the last
   * {@code @} before the query is hidden.
   */
  public static String redact(String url) {
    int start = url.indexOf("://");
    if (start < 0) {
      return url;
    }
    start += 3;
    int q = url.indexOf('?', start);
    int at = url.lastIndexOf('@', q < 0 ? url.length() : q);
    if (at < start) {
      return url;
    }
    int colon = url.indexOf(':', start);
    if (colon < 0 || colon > at) {
      return url;
    }
    return url.substring(0, colon + 1) + "***" + url.substring(at);
  }

  /** Fails if the query has a parameter other than {@code allowed}, naming the allowed ones. */
  public void allowOnly(List<String> allowed) {
    for (String name : query.keySet()) {
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(
            "unknown parameter '"
                + name
                + "' for "
                + scheme
                + "://"
                + (allowed.isEmpty() ? " (it takes none)" : " (accepted: " + allowed + ")"));
      }
    }
  }

  /** A parameter's value, or {@code fallback}. */
  public String param(String name, String fallback) {
    return query.getOrDefault(name, fallback);
  }

  /** A {@code true}/{@code false} parameter. */
  public boolean flag(String name, boolean fallback) {
    return query.containsKey(name) ? param(name).flag() : fallback;
  }

  /** A size parameter ({@link UrlParam#size}). */
  public long size(String name, long fallback) {
    return query.containsKey(name) ? param(name).size() : fallback;
  }

  /** A duration parameter ({@link UrlParam#duration}). */
  public Duration duration(String name, Duration fallback) {
    return query.containsKey(name) ? param(name).duration() : fallback;
  }

  private UrlParam param(String name) {
    return new UrlParam(name, query.get(name));
  }

  private static Map<String, String> params(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "true" : decode(pair.substring(eq + 1));
      if (out.put(name, value) != null) {
        throw new IllegalArgumentException("parameter '" + name + "' is given twice");
      }
    }
    return out;
  }

  /** Percent-decoding; unlike form decoding, {@code +} stays a plus. */
  private static String decode(String s) {
    // Checked here rather than caught from URLDecoder, whose message would quote the text.
    if (BAD_ESCAPE.matcher(s).find()) {
      throw new IllegalArgumentException(
          "bad percent-encoding (a percent sign must be followed by two hex digits)");
    }
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
