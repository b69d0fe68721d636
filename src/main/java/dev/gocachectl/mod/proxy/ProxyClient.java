package dev.gocachectl.mod.proxy;

import dev.gocachectl.mod.HttpFetcher;
import dev.gocachectl.mod.ModulePath;
import dev.gocachectl.mod.ModuleVersion;
import java.net.URI;

/**
 * The GOPROXY protocol's URLs for one proxy (plain GETs, the module path and version escaped, and
 * {@code !} sent as {@code %21} as go's {@code url.PathEscape} does):
 *
 * <pre>
 * $base/$module/@v/list             known versions, one per line (pseudo-versions should not be there)
 * $base/$module/@v/$version.info    {"Version": ..., "Time": ...}
 * $base/$module/@v/$version.mod     the go.mod file
 * $base/$module/@v/$version.zip     the module zip
 * $base/$module/@latest             optional: .info of the latest version
 * </pre>
 *
 * {@code .mod} and {@code .zip} never change for a version; {@code list} and {@code .info} may.
 *
 * @param base the proxy URL
 */
public record ProxyClient(String base) {
  /** The URL of {@code $base/$module/<rest>}. */
  public URI url(ModulePath p, String rest) {
    String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return URI.create(b + "/" + wire(p.escaped()) + "/" + rest);
  }

  /** {@code @v/list}. */
  public URI list(ModulePath p) {
    return url(p, "@v/list");
  }

  /** {@code @v/$version.<ext>} for ext {@code info}, {@code mod} or {@code zip}. */
  public URI file(ModuleVersion m, String ext) {
    return url(m.path(), "@v/" + wire(m.escapedVersion()) + "." + ext);
  }

  /** Escaped path or version as go puts it on the wire. */
  static String wire(String escaped) {
    return escaped.replace("!", "%21");
  }

  /**
   * GETs a URL whose body can be at most {@code limit}, mapping a network failure (a timeout, a
   * body past its bound) to a response with status 0.
   */
  public static HttpFetcher.Response get(HttpFetcher http, URI uri, HttpFetcher.Limit limit) {
    return get(http, uri, limit, null);
  }

  /** As {@link #get(HttpFetcher, URI, HttpFetcher.Limit)}, a 200's body streamed into sink. */
  public static HttpFetcher.Response get(
      HttpFetcher http, URI uri, HttpFetcher.Limit limit, java.io.OutputStream sink) {
    try {
      return sink == null ? http.get(uri, limit) : http.get(uri, limit, sink);
    } catch (java.io.IOException e) {
      return new HttpFetcher.Response(
          uri, 0, e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
