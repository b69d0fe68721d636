package dev.gocachectl.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one go command hashed: every build, link, vet and test action with its inputs and ID (see
 * {@link ManifestFile} for the file format, {@link HashLogParser} for how a log becomes one).
 *
 * @param salt the Go version that salts every action ID ({@code go1.26.8}), or "" if none was seen
 * @param command the go command's arguments, if known
 * @param dir the directory it ran in, if known
 * @param notes what the capture learned besides hashes: uncacheable test flags, too-new test inputs
 * @param actions the actions in the order their hashes finished
 */
public record Manifest(
    String salt,
    List<String> command,
    String dir,
    List<String> notes,
    List<CapturedAction> actions) {
  public Manifest {
    command = List.copyOf(command);
    notes = List.copyOf(notes);
    actions = List.copyOf(actions);
  }

  /** The actions by key. */
  public Map<ActionKey, CapturedAction> byKey() {
    Map<ActionKey, CapturedAction> m = new LinkedHashMap<>();
    for (CapturedAction a : actions) {
      m.put(a.key(), a);
    }
    return m;
  }

  /** The go command as one line ({@code go build ./...}), or "" if unknown. */
  public String commandLine() {
    return command.isEmpty() ? "" : "go " + String.join(" ", command);
  }
}
