package dev.gocachectl.hits;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The action graph go writes with {@code -debug-actiongraph=FILE}: a JSON array of actions, written
 * once before execution and again after it, with timings.
 *
 * <pre>
 * [{"ID":0,"Mode":"build","Package":"example.com/m/a","Deps":[1,2],"Objdir":"…",
 *   "Priority":3,"ActionID":"X9wLNUQBan-ihmQUwkkh","BuildID":"X9wL…/Ebvu…",
 *   "TimeReady":"…","TimeStart":"…","TimeDone":"…","Cmd":null}, …]
 * </pre>
 *
 * <p>{@code Cmd} is not omitempty: an action with an {@code ActionID} and {@code "Cmd": null} was
 * satisfied without running a tool (a cache hit or an up-to-date target); a non-empty {@code Cmd}
 * means the tool ran. This counts hits exactly, where timing-based guesses cannot.
 */
public final class ActionGraph {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * One action. {@code ran} is whether a tool ran for it; {@code failed} whether it failed; {@code
   * actionId} may be null (vet and test actions have none).
   */
  public record Action(
      int id, String mode, String pkg, String actionId, boolean ran, boolean failed) {}

  private ActionGraph() {}

  /** Parses a graph file. */
  public static List<Action> read(Path file) throws IOException {
    try (JsonParser p = JSON.createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException(file + ": not an action graph (expected a JSON array)");
      }
      List<Action> actions = new ArrayList<>();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        actions.add(readAction(p));
      }
      return actions;
    }
  }

  private static Action readAction(JsonParser p) throws IOException {
    int id = -1;
    String mode = null;
    String pkg = null;
    String actionId = null;
    boolean ran = false;
    boolean failed = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "ID" -> id = p.getIntValue();
        case "Mode" -> mode = p.getText();
        case "Package" -> pkg = p.getText();
        case "ActionID" -> actionId = p.getText();
        case "Failed" -> failed = t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_STRING;
        case "Cmd" -> {
          if (t == JsonToken.START_ARRAY) {
            ran = p.nextToken() != JsonToken.END_ARRAY;
            if (ran) {
              p.skipChildren();
              while (p.nextToken() != JsonToken.END_ARRAY) {
                p.skipChildren();
              }
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    return new Action(id, mode, pkg, actionId, ran, failed);
  }
}
