package dev.gocachectl.mod.sumdb;

import dev.gocachectl.mod.HttpFetcher;
import dev.gocachectl.mod.proxy.ProxyList;
import java.io.IOException;
import java.net.URI;

/**
 * Where go talks to a checksum database ({@code initBase} in cmd/go's modfetch): the URL GOSUMDB
 * names if any; else the first GOPROXY entry whose {@code <proxy>/sumdb/<name>/supported} answers
 * 200 (then everything goes through that proxy, never directly); 404/410 there, or any error after
 * a {@code |}, tries the next entry; {@code direct}, {@code off} or the end of the list mean {@code
 * https://<name>}; any other failure means the database is unavailable.
 *
 * @param base the base URL ({@code .../lookup/...}, {@code .../tile/...} are under it)
 * @param how how it was chosen, for people
 */
public record SumdbEndpoint(URI base, String how) {
  /**
   * Finds the endpoint.
   *
   * @throws IOException when a proxy fails in a way go does not fall through (the URL is named)
   */
  public static SumdbEndpoint resolve(SumdbConfig db, ProxyList proxies, HttpFetcher http)
      throws IOException {
    if (db.url().isPresent()) {
      return new SumdbEndpoint(db.url().get(), "the URL in GOSUMDB");
    }
    for (ProxyList.Entry e : proxies.entries()) {
      if (e.url().equals("noproxy")) {
        continue;
      }
      if (!e.isProxy()) {
        break;
      }
      URI supported = join(URI.create(e.url()), "sumdb/" + db.name() + "/supported");
      HttpFetcher.Response r;
      try {
        r = http.get(supported, HttpFetcher.Limit.STATUS_ONLY);
      } catch (IOException ex) {
        if (e.fallBackOnError()) {
          continue;
        }
        throw new IOException(
            "checksum database " + db.name() + " unavailable: " + ex.getMessage(), ex);
      }
      if (r.ok()) {
        return new SumdbEndpoint(
            join(URI.create(e.url()), "sumdb/" + db.name()), "through the proxy " + e.url());
      }
      if (!r.notFound() && !e.fallBackOnError()) {
        throw new IOException("checksum database " + db.name() + " unavailable: " + r.describe());
      }
    }
    return new SumdbEndpoint(db.direct(), "directly (no GOPROXY entry proxies it)");
  }

  /** {@code URL (how)}. */
  public String describe() {
    return base + " (" + how + ")";
  }

  /** {@code base} + {@code /} + {@code path}, keeping the base's path. */
  public static URI join(URI base, String path) {
    String b = base.toString();
    return URI.create(b.endsWith("/") ? b + path : b + "/" + path);
  }
}
