package dev.gocachectl.ci;

import dev.gocachectl.remote.stores.RemoteStores;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to generate: for which CI, for which repository, and which variant. Without remotes it is
 * the CI's own cache (GOCACHE and GOMODCACHE saved and restored by the CI); with remotes it is
 * GOCACHEPROG ({@code gocachectl prog}) with those shared tiers, which is also where the per-build
 * reports for {@code gocachectl serve} come from.
 *
 * <p>Every URL is printed into a file that is committed, and into shell lines: so no credentials in
 * it (they come from the CI's secrets, by the variables each store reads) and only characters that
 * need no quoting in YAML or sh.
 *
 * @param archive where the CI downloads gocachectl's release archive from; empty: a CI variable
 *     (GOCACHECTL_ARCHIVE_URL) the user sets
 */
public record CiRequest(
    Target target,
    ModuleLayout layout,
    List<String> remotes,
    Optional<String> serve,
    Optional<String> archive) {
  private static final String SAFE = "[A-Za-z0-9._~:/?&=%,+@-]+";

  public CiRequest {
    remotes = List.copyOf(remotes);
    for (String r : remotes) {
      checkRemote(r);
    }
    serve.ifPresent(CiRequest::checkServe);
    archive.ifPresent(a -> checkArchive(a));
    if (serve.isPresent() && remotes.isEmpty()) {
      throw new IllegalArgumentException(
          "--serve "
              + serve.get()
              + ": the reports serve counts are written by gocachectl prog, one per go command;"
              + " give --remote URL too (the GOCACHEPROG variant), or drop --serve");
    }
  }

  /** Whether this is the GOCACHEPROG variant. */
  public boolean prog() {
    return !remotes.isEmpty();
  }

  /** The environment variables holding the stores' credentials, from the CI's secrets. */
  public List<String> credentialVariables() {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    for (String r : remotes) {
      if (r.startsWith("s3:")) {
        out.addAll(List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"));
      } else if (r.startsWith("redis")) {
        out.add("GOCACHECTL_REDIS_PASSWORD");
      } else {
        out.addAll(List.of("GOCACHECTL_HTTP_USER", "GOCACHECTL_HTTP_PASSWORD"));
      }
    }
    return List.copyOf(out);
  }

  private static void checkRemote(String url) {
    checkUrl(
        "--remote",
        url,
        List.of("s3", "redis", "rediss", "redis+cluster", "rediss+cluster", "http", "https"));
    try {
      RemoteStores.check(url, Map.of());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--remote: " + e.getMessage(), e);
    }
  }

  private static void checkArchive(String url) {
    if (url.startsWith("file:///")) {
      if (!url.matches(SAFE)) {
        checkUrl("--archive", url, List.of("file"));
      }
      return;
    }
    checkUrl("--archive", url, List.of("https", "http"));
  }

  /** The URL with whatever stands before an @ in its authority shown as USER. */
  static String redact(String url) {
    return url.replaceAll("://[^/?]*@", "://USER@");
  }

  private static void checkServe(String url) {
    checkUrl("--serve", url, List.of("http", "https"));
  }

  private static void checkUrl(String flag, String url, List<String> schemes) {
    if (!url.matches(SAFE)) {
      throw new IllegalArgumentException(
          flag
              + " "
              + redact(url).replaceAll("[^\\x20-\\x7e]", "?")
              + ": holds characters a CI file cannot carry unquoted (spaces, quotes, $, `, ...);"
              + " percent-encode them");
    }
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          flag + " " + redact(url) + ": not a URL (" + e.getReason() + ")");
    }
    if (u.getScheme() == null || !schemes.contains(u.getScheme()) || !url.contains("://")) {
      throw new IllegalArgumentException(
          flag
              + " "
              + url
              + ": expected a URL starting with "
              + String.join("://, ", schemes)
              + "://");
    }
    String rest = url.substring(url.indexOf("://") + 3);
    int end = 0;
    while (end < rest.length() && rest.charAt(end) != '/' && rest.charAt(end) != '?') {
      end++;
    }
    String authority = rest.substring(0, end);
    if (authority.contains("@")) {
      throw new IllegalArgumentException(
          flag
              + " "
              + u.getScheme()
              + "://USER@"
              + rest.substring(authority.lastIndexOf('@') + 1)
              + ": credentials in a URL would be committed with the CI file; put them in the CI's"
              + " secrets (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, GOCACHECTL_REDIS_PASSWORD,"
              + " GOCACHECTL_HTTP_USER/GOCACHECTL_HTTP_PASSWORD) and give the URL without them");
    }
    if (authority.isEmpty()) {
      throw new IllegalArgumentException(flag + " " + url + ": no host");
    }
  }
}
