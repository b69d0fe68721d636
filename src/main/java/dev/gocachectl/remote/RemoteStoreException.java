package dev.gocachectl.remote;

import java.io.IOException;

/**
 * A store operation that failed: the message names the store, the operation and the key, says what
 * went wrong and, where it can, what to do. {@link #timedOut()} tells a timeout (slow or silent
 * server, counted apart by the tier) from other failures.
 */
public final class RemoteStoreException extends IOException {
  private static final long serialVersionUID = 1L;

  private final boolean timedOut;

  /**
   * @param store the store's {@link RemoteStore#describe()}
   * @param op what was being done: {@code get}, {@code put}, {@code head}, {@code connect}
   * @param key the key, e.g. {@code ac/<hex>} or a full object key
   * @param problem what went wrong and what to do
   * @param timedOut whether a timeout ended the operation
   * @param cause the underlying exception, or null
   */
  public RemoteStoreException(
      String store, String op, String key, String problem, boolean timedOut, Throwable cause) {
    super(store + ": " + op + " " + key + ": " + problem, cause);
    this.timedOut = timedOut;
  }

  /** Whether a timeout ended the operation. */
  public boolean timedOut() {
    return timedOut;
  }
}
