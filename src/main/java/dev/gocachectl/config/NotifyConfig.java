package dev.gocachectl.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Whom serve tells about changes of state ({@code notify:}); {@code serve --webhook} and {@code
 * --webhook-secret-file} add to it and take precedence.
 *
 * @param webhooks the receivers, in file order
 * @param secretFile the HMAC key every body is signed with (a file of the user's that no one else
 *     reads), or null: unsigned
 */
public record NotifyConfig(List<Webhook> webhooks, Path secretFile) {
  public static final NotifyConfig NONE = new NotifyConfig(List.of(), null);

  public NotifyConfig {
    webhooks = List.copyOf(webhooks);
  }
}
