package dev.gocachectl.notify;

import java.util.Locale;

/** The body a webhook gets: see {@link Bodies}. */
public enum Format {
  /** gocachectl's own JSON. */
  GENERIC,
  /** Slack's incoming-webhook message ({@code {"text":...}}), also taken by Mattermost. */
  SLACK,
  /** Alertmanager's {@code POST /api/v2/alerts} (a list of one alert). */
  ALERTMANAGER;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Format ofId(String s) {
    for (Format f : values()) {
      if (f.id().equals(s)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "webhook format \"" + s + "\": expected generic, slack or alertmanager");
  }
}
