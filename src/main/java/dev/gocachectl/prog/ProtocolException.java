package dev.gocachectl.prog;

import java.io.IOException;

/**
 * The go command sent something this program cannot read: a malformed line, an unknown command, a
 * body that does not follow its request. The session ends with this message on stderr; the go
 * command then reports that GOCACHEPROG exited.
 */
final class ProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  ProtocolException(String message) {
    super(message);
  }

  ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
