package dev.gocachectl.notify;

import java.net.URI;

/**
 * Where notifications go: an {@code http} or {@code https} URL and the body it takes. Messages and
 * metrics name a webhook by {@code name} and its host, never by its URL (Slack's carries its secret
 * in the path).
 */
public record Webhook(String name, URI url, Format format) {
  public Webhook {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new IllegalArgumentException(
          "webhook name \"" + name + "\": expected 1 to 64 letters, digits, '.', '_' or '-'");
    }
    String scheme = url.getScheme();
    if (scheme == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          "webhook " + name + ": expected an http:// or https:// URL with a host");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "webhook "
              + name
              + ": a user or password in the URL would be logged and sent in clear;"
              + " use a URL without one (Alertmanager and Slack need none)");
    }
  }

  /** {@code NAME (HOST)} for messages. */
  public String describe() {
    return name + " (" + url.getHost() + ")";
  }
}
