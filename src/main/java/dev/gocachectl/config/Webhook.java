package dev.gocachectl.config;

import java.net.URI;

/**
 * A receiver of notifications ({@code notify.webhooks[]}).
 *
 * @param name for logs and metrics (default: {@code webhook-N}, N from 1)
 * @param url an http or https URL
 * @param kind the body's shape
 */
public record Webhook(String name, URI url, Kind kind) {

  /** The body's shape: serve's own JSON, a Slack incoming webhook's, or Alertmanager's. */
  public enum Kind {
    GENERIC,
    SLACK,
    ALERTMANAGER;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Kind of(String id) {
      for (Kind k : values()) {
        if (k.id().equals(id)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "unknown webhook kind \"" + id + "\" (expected generic, slack or alertmanager)");
    }
  }
}
