package dev.gocachectl.remote;

import java.time.Duration;
import java.util.List;

/**
 * The remote tiers of one prog session: the stores in order, and how they are used.
 *
 * @param urls the stores, fastest first ({@code --remote}, repeatable)
 * @param readOnly read but never write (pull requests from forks)
 * @param signer signs the records this program writes ({@code --sign-key-file}), or null
 * @param verifier required valid signatures on records read ({@code --verify-key-file}), or null
 * @param drainTimeout how long close waits for queued uploads
 * @param options timeouts for every store
 * @param producer who writes, recorded in each record (default: the host name)
 * @param inlineMax outputs up to this size travel inside the action record
 */
public record RemoteConfig(
    List<String> urls,
    boolean readOnly,
    RecordSigner signer,
    RecordSigner verifier,
    Duration drainTimeout,
    RemoteOptions options,
    String producer,
    int inlineMax) {

  public static final int DEFAULT_INLINE_MAX = 32 * 1024;

  public RemoteConfig {
    urls = List.copyOf(urls);
    if (inlineMax < 0 || inlineMax > RemoteStore.MAX_RECORD - 4096) {
      throw new IllegalArgumentException("inlineMax out of range: " + inlineMax);
    }
  }

  /** No remote at all. */
  public static RemoteConfig none() {
    return new RemoteConfig(
        List.of(), false, null, null, Duration.ZERO, RemoteOptions.defaults(), "-", 0);
  }

  public boolean isEmpty() {
    return urls.isEmpty();
  }
}
