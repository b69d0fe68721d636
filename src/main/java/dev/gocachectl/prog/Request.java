package dev.gocachectl.prog;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.OutputId;

/**
 * One request from the go command ({@code cmd/go/internal/cacheprog.Request}).
 *
 * @param id unique per go process, echoed in the response
 * @param command what to do
 * @param actionId the key, for get and put (null if absent)
 * @param outputId for put: the SHA-256 go computed over the body; sent as {@code OutputID} since Go
 *     1.24, and as {@code ObjectID} by the experimental protocol of Go 1.21 to 1.23 (null if
 *     absent)
 * @param bodySize for put: the body's length; 0 means no body line follows
 * @param rawCommand the command as sent, for messages about unknown ones
 */
record Request(
    long id,
    Command command,
    ActionId actionId,
    OutputId outputId,
    long bodySize,
    String rawCommand) {

  /** The commands this program declares in its handshake. */
  enum Command {
    GET("get"),
    PUT("put"),
    CLOSE("close"),
    UNKNOWN("");

    private final String wire;

    Command(String wire) {
      this.wire = wire;
    }

    String wire() {
      return wire;
    }

    static Command of(String s) {
      return switch (s) {
        case "get" -> GET;
        case "put" -> PUT;
        case "close" -> CLOSE;
        default -> UNKNOWN;
      };
    }
  }
}
