package dev.gocachectl.remote;

import java.io.IOException;

/**
 * The local disk could not take what a remote sent (no space, no permission): not the remote's
 * fault, so it is neither counted against the tier nor held against it by the circuit breaker.
 */
public final class LocalWriteException extends IOException {
  private static final long serialVersionUID = 1L;

  LocalWriteException(IOException cause) {
    super(cause.getMessage(), cause);
  }
}
