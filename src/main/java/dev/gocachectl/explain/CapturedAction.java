package dev.gocachectl.explain;

import dev.gocachectl.cache.ActionId;
import java.util.List;

/**
 * One action of a capture: its key, the Go version that salted its hash, the inputs in the order
 * they were hashed (the salt excluded), and the resulting ID. For a test, the ID is the key its
 * result is stored under, {@code Subkey(testID, "inputs:<inputs ID>")}.
 */
public record CapturedAction(ActionKey key, String salt, List<InputLine> inputs, ActionId id) {
  public CapturedAction {
    inputs = List.copyOf(inputs);
  }
}
