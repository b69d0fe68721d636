package dev.gocachectl.explain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slot an input line fills in its action, so that two actions' inputs are compared slot by
 * slot: {@code file a.go}, {@code import fmt}, {@code CC}, {@code GOAMD64}, {@code modinfo}. A slot
 * is the line minus its value: the file name without its hash, the variable without its value, the
 * first word of anything else.
 */
final class InputSlot {
  private static final Pattern ENV_KEY = Pattern.compile("^([A-Z][A-Z0-9_]*(?: ID(?: ERROR)?)?)=");

  private InputSlot() {}

  /** The slot of an input's text (without its trailing newline). */
  static String of(String text) {
    if (text.equals("compile") || text.equals("link")) {
      return text;
    }
    if (text.startsWith("=")) {
      return "archenv";
    }
    Matcher m = ENV_KEY.matcher(text);
    if (m.find()) {
      return m.group(1);
    }
    int sp = text.indexOf(' ');
    String first = sp < 0 ? text : text.substring(0, sp);
    return switch (first) {
      case "compile", "link" -> first + " tool";
      case "import" -> text.startsWith("import \"") ? "import self" : upToLastSpace(text);
      case "file", "vetout", "env", "open", "stat", "chdir" -> upToLastSpace(text);
      case "packagefile", "packageshlib", "magic" -> upTo(text, '=');
      case "test" -> "test binary";
      default -> first;
    };
  }

  private static String upToLastSpace(String text) {
    int sp = text.lastIndexOf(' ');
    return sp < 0 ? text : text.substring(0, sp);
  }

  private static String upTo(String text, char c) {
    int i = text.indexOf(c);
    return i < 0 ? text : text.substring(0, i);
  }
}
