package dev.gocachectl.explain;

import dev.gocachectl.cache.ActionId;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses the body of a manifest file (format: {@link ManifestFile}). */
final class ManifestReader {
  private final String source;
  private final List<String> command = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<CapturedAction> actions = new ArrayList<>();
  private final Map<String, Integer> ordinals = new HashMap<>();
  private String salt = "";
  private String dir;
  private String[] head;
  private List<InputLine> inputs;
  private long lineNo;

  ManifestReader(String source) {
    this.source = source;
  }

  Manifest read(BufferedReader r) throws IOException {
    r.readLine();
    lineNo = 1;
    for (String line; (line = r.readLine()) != null; ) {
      lineNo++;
      try {
        line(line);
      } catch (IllegalArgumentException e) {
        throw new IOException(
            source + ":" + lineNo + ": malformed manifest line (" + e.getMessage() + "): " + line);
      }
    }
    flush();
    return new Manifest(salt, command, dir, notes, actions);
  }

  private void line(String line) {
    if (line.isEmpty() || line.startsWith("#")) {
      return;
    }
    if (line.startsWith("  = ")) {
      if (inputs == null || inputs.isEmpty()) {
        throw new IllegalArgumentException("a detail line with no input line before it");
      }
      InputLine last = inputs.removeLast();
      inputs.add(new InputLine(last.quoted(), GoQuoted.unquote(line.substring(4))));
    } else if (line.startsWith(" \"")) {
      if (inputs == null) {
        throw new IllegalArgumentException("an input line outside an action");
      }
      String q = line.substring(1);
      if (GoQuoted.endOf(q, 0) != q.length()) {
        throw new IllegalArgumentException("text after the closing quote");
      }
      inputs.add(new InputLine(q, null));
    } else {
      header(line);
    }
  }

  private void header(String line) {
    int sp = line.indexOf(' ');
    String word = sp < 0 ? line : line.substring(0, sp);
    String rest = sp < 0 ? "" : line.substring(sp + 1);
    switch (word) {
      case "salt" -> salt = GoQuoted.unquote(rest);
      case "dir" -> dir = GoQuoted.unquote(rest);
      case "note" -> notes.add(GoQuoted.unquote(rest));
      case "command" -> command.addAll(quotedWords(rest));
      case "action" -> {
        flush();
        head = rest.split(" ", 4);
        if (head.length < 3) {
          throw new IllegalArgumentException("expected: action MODE 64-HEX PACKAGE [\"SALT\"]");
        }
        ActionId.fromHex(head[1]);
        inputs = new ArrayList<>();
      }
      default -> throw new IllegalArgumentException("unknown line kind '" + word + "'");
    }
  }

  private static List<String> quotedWords(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int e = GoQuoted.endOf(s, i);
      out.add(GoQuoted.unquote(s.substring(i, e)));
      i = e + 1;
    }
    return out;
  }

  private void flush() {
    if (head == null) {
      return;
    }
    String mode = head[0];
    String pkg = head[2];
    String actionSalt = head.length > 3 ? GoQuoted.unquote(head[3]) : salt;
    int ordinal = ordinals.merge(mode + " " + pkg, 1, Integer::sum) - 1;
    actions.add(
        new CapturedAction(
            new ActionKey(mode, pkg, ordinal), actionSalt, inputs, ActionId.fromHex(head[1])));
    head = null;
    inputs = null;
  }
}
