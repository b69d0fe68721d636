package dev.gocachectl.mod.proxy;

import dev.gocachectl.mod.PrefixPatterns;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A GOPROXY value as go reads it ({@code proxyList} in cmd/go's modfetch). Entries are separated by
 * {@code ,} or {@code |}, and the separator after an entry says when go moves on to the next: after
 * {@code ,} only when the entry answered "not found" (404 or 410); after {@code |} after any error.
 * {@code direct} (fetch from version control) and {@code off} end the list; an entry with a {@code
 * .}, {@code :} or {@code /} but no {@code :/} that is not an absolute path gets {@code https://}.
 * When GONOPROXY (default GOPRIVATE) is set and GOPROXY is not {@code direct}, an implicit {@code
 * noproxy} comes first: matching modules go direct, others fall through.
 *
 * @param raw the GOPROXY value
 * @param entries the entries in order
 */
public record ProxyList(String raw, List<Entry> entries) {
  /**
   * One entry.
   *
   * @param url a proxy URL, or the keyword {@code direct}, {@code off} or {@code noproxy}
   * @param fallBackOnError whether go tries the next entry after any error ({@code |}), not only
   *     after "not found"
   */
  public record Entry(String url, boolean fallBackOnError) {
    /** Whether this entry is a proxy URL (not a keyword). */
    public boolean isProxy() {
      return !url.equals("direct") && !url.equals("off") && !url.equals("noproxy");
    }
  }

  public ProxyList {
    entries = List.copyOf(entries);
  }

  /**
   * Parses a GOPROXY value.
   *
   * @throws IllegalArgumentException like go: an empty list, or a URL go rejects
   */
  public static ProxyList parse(String goproxy, PrefixPatterns gonoproxy) {
    List<Entry> out = new ArrayList<>();
    if (!gonoproxy.isEmpty() && !goproxy.equals("direct")) {
      out.add(new Entry("noproxy", false));
    }
    String rest = goproxy;
    while (!rest.isEmpty()) {
      int i = indexOfSeparator(rest);
      String url = i >= 0 ? rest.substring(0, i) : rest;
      boolean fallBack = i >= 0 && rest.charAt(i) == '|';
      rest = i >= 0 ? rest.substring(i + 1) : "";
      url = url.strip();
      if (url.isEmpty()) {
        continue;
      }
      if (url.equals("off") || url.equals("direct")) {
        out.add(new Entry(url, false));
        break;
      }
      if (url.matches(".*[.:/].*") && !url.contains(":/") && !url.startsWith("/")) {
        url = "https://" + url;
      }
      check(url);
      out.add(new Entry(url, fallBack));
    }
    if (out.isEmpty() || (out.size() == 1 && out.getFirst().url().equals("noproxy"))) {
      throw new IllegalArgumentException(
          "GOPROXY list is not the empty string, but contains no entries");
    }
    return new ProxyList(goproxy, out);
  }

  private static int indexOfSeparator(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == ',' || s.charAt(i) == '|') {
        return i;
      }
    }
    return -1;
  }

  private static void check(String url) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid proxy URL " + url + ": " + e.getMessage(), e);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme();
    if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("file")) {
      throw new IllegalArgumentException(
          "invalid proxy URL scheme (must be https, http, file): " + url);
    }
  }

  /** The proxy URLs only, in order. */
  public List<String> proxies() {
    return entries.stream().filter(Entry::isProxy).map(Entry::url).toList();
  }
}
