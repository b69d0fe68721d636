package dev.gocachectl.remote;

import java.math.BigDecimal;
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
 * are {@link IllegalArgumentException}s whose message never contains the password; {@link
 * RemoteStores#open} adds the URL (through {@link #redact}) and the accepted forms.
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
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtT]i?)?[bB]?");
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(d|h|m|s|ms)");

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
    String v = query.get(name);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default ->
          throw new IllegalArgumentException(
              "parameter " + name + "=" + v + " is not true or false");
    };
  }

  /**
   * A size: a plain number is bytes, {@code k M G T} are powers of 1000 and {@code Ki Mi Gi Ti}
   * powers of 1024, each optionally followed by {@code B} ({@code 512KiB}, {@code 1MiB}, {@code
   * 1.5M}), as {@code --max-size} takes them.
   */
  public long size(String name, long fallback) {
    String v = query.get(name);
    if (v == null) {
      return fallback;
    }
    Matcher m = SIZE.matcher(v.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "parameter " + name + "=" + v + " is not a size (examples: 1MiB, 512KiB, 2M, 65536)");
    }
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    int power = unit.isEmpty() ? 0 : "kmgt".indexOf(unit.charAt(0)) + 1;
    BigDecimal base = BigDecimal.valueOf(unit.endsWith("i") ? 1024 : 1000);
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(base.pow(power));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("parameter " + name + "=" + v + " is too large");
    }
    return bytes.longValue();
  }

  /** A duration in Go's style plus days, as the other flags take them: 7d, 36h, 1h30m, 90s, 0. */
  public Duration duration(String name, Duration fallback) {
    String v = query.get(name);
    if (v == null) {
      return fallback;
    }
    String t = v.strip().toLowerCase(Locale.ROOT);
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION_PART.matcher(t);
    int at = 0;
    double nanos = 0;
    while (at < t.length() && m.find(at) && m.start() == at) {
      double unit =
          switch (m.group(2)) {
            case "d" -> 86_400e9;
            case "h" -> 3_600e9;
            case "m" -> 60e9;
            case "s" -> 1e9;
            default -> 1e6;
          };
      nanos += Double.parseDouble(m.group(1)) * unit;
      at = m.end();
    }
    if (at == 0 || at != t.length()) {
      throw new IllegalArgumentException(
          "parameter " + name + "=" + v + " is not a duration (examples: 7d, 36h, 1h30m, 90s)");
    }
    return Duration.ofNanos((long) nanos);
  }

  private static Map<String, String> params(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
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
      throw new IllegalArgumentException("bad percent-encoding (use %XX with two hex digits)");
    }
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
