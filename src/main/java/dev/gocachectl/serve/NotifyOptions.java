package dev.gocachectl.serve;

import dev.gocachectl.notify.RetryPolicy;
import dev.gocachectl.notify.Webhook;
import java.nio.file.Path;
import java.util.List;

/**
 * Who hears about changes in the history ({@link dev.gocachectl.notify.Notifier}).
 *
 * @param webhooks where notifications go (none: nothing is sent)
 * @param secretFile the HMAC key that signs every body (a file of ours, mode 600), or null
 * @param policy retries, timeouts and the queue per webhook
 */
public record NotifyOptions(List<Webhook> webhooks, Path secretFile, RetryPolicy policy) {
  public static final NotifyOptions NONE = new NotifyOptions(List.of(), null, RetryPolicy.DEFAULT);

  public NotifyOptions {
    webhooks = List.copyOf(webhooks);
  }
}
