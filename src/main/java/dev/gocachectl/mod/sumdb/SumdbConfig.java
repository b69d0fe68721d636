package dev.gocachectl.mod.sumdb;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A GOSUMDB value as go reads it ({@code dbDial} in cmd/go's modfetch): {@code off}; a known name
 * ({@code sum.golang.org}, whose key go builds in; {@code sum.golang.google.cn} is an alias for it
 * served from another URL); a verifier key {@code name+hash+keydata}; either followed by a URL,
 * which then is the only way to the database (no GOPROXY detour). Without a URL the database is
 * {@code https://<name>}, or reached through a GOPROXY that supports it ({@link SumdbEndpoint}).
 *
 * @param name the database name (also the key's name), a {@code host[/path]}
 * @param key the verifier key text
 * @param verifier the parsed key
 * @param url the explicit URL, if GOSUMDB gave one
 */
public record SumdbConfig(String name, String key, NoteVerifier verifier, Optional<URI> url) {
  /** The keys go knows by name. */
  public static final Map<String, String> KNOWN =
      Map.of(
          "sum.golang.org", "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8");

  /**
   * Parses GOSUMDB; empty for {@code off}.
   *
   * @throws IllegalArgumentException with go's message ({@code invalid GOSUMDB: ...})
   */
  public static Optional<SumdbConfig> parse(String gosumdb) {
    String v =
        gosumdb.equals("sum.golang.google.cn")
            ? "sum.golang.org https://sum.golang.google.cn"
            : gosumdb;
    if (v.equals("off")) {
      return Optional.empty();
    }
    String[] f = v.trim().isEmpty() ? new String[0] : v.trim().split("\\s+");
    if (f.length == 0) {
      throw new IllegalArgumentException("missing GOSUMDB");
    }
    if (f.length > 2) {
      throw new IllegalArgumentException("invalid GOSUMDB: too many fields");
    }
    String key = KNOWN.getOrDefault(f[0], f[0]);
    NoteVerifier verifier;
    try {
      verifier = NoteVerifier.parse(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid GOSUMDB: " + e.getMessage(), e);
    }
    String name = verifier.name();
    URI direct;
    try {
      direct = URI.create("https://" + name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid sumdb name (must be host[/path]): " + name, e);
    }
    if (name.endsWith("/")
        || direct.getHost() == null
        || direct.getRawQuery() != null
        || direct.getRawFragment() != null
        || direct.getUserInfo() != null) {
      throw new IllegalArgumentException("invalid sumdb name (must be host[/path]): " + name);
    }
    Optional<URI> url = Optional.empty();
    if (f.length == 2) {
      try {
        url = Optional.of(URI.create(f[1]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid GOSUMDB URL: " + e.getMessage(), e);
      }
    }
    return Optional.of(new SumdbConfig(name, key, verifier, url));
  }

  /** The database name GOSUMDB names, without checking the key; empty for {@code off} or junk. */
  public static Optional<String> nameOf(String gosumdb) {
    try {
      return parse(gosumdb).map(SumdbConfig::name);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code https://<name>}: the database when no proxy serves it. */
  public URI direct() {
    return URI.create("https://" + name);
  }
}
