package dev.gocachectl.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * A command given {@code --json} that cannot run (exit 2) prints one JSON object on standard output
 * too, so that a script reading the report always gets JSON; the same message goes to standard
 * error for people:
 *
 * <pre>
 * {
 *   "command" : "gocachectl mod verify",   the command that failed, as typed
 *   "kind" : "usage",                      "usage": a wrong flag or argument (fix the command
 *                                          line); "failure": it could not run (a file, a server)
 *   "error" : "...",                       what was wrong, naming the file, flag or URL
 *   "exit" : 2                             the exit code
 * }
 * </pre>
 */
final class ErrorOutput {
  static final String USAGE = "usage";
  static final String FAILURE = "failure";

  private ErrorOutput() {}

  static void json(PrintWriter out, String command, String kind, String message) {
    try {
      JsonGenerator g = JsonOutput.open(out);
      g.writeStartObject();
      g.writeStringField("command", command);
      g.writeStringField("kind", kind);
      g.writeStringField("error", message);
      g.writeNumberField("exit", ExitCodes.ERROR);
      g.writeEndObject();
      JsonOutput.close(g, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
