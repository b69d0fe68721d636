package dev.gocachectl.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of a test result ({@code cmd/go/internal/test/test.go}):
 *
 * <pre>
 * test binary 3pYvUcDpfohhzVCTrX-E args ["-test.timeout=10m0s"] execcmd []   the test ID's input
 * env GODEBUG 64-HEX        always first (Go 1.23+); then, in the order the last run read them:
 * env NAME 64-HEX           a variable's value (hashed: 0 if unset, 1 + value)
 * open /abs/path 64-HEX     a file's or directory's size, mode and mtime (never its content)
 * stat /abs/path 64-HEX     the same through Stat and Lstat
 * chdir /abs/dir 64-HEX
 * </pre>
 *
 * The log shows what each hash was made of just before the line that uses it; the parser keeps that
 * as the line's detail ({@code set} or {@code unset}, never a value; the {@code stat SIZE MODE
 * MTIME ISDIR} lines of a file), which says which of size, mode or mtime changed.
 */
final class TestInputLines {
  private TestInputLines() {}

  static Verdict binary(String pkg, String a, String b) {
    if (a == null || b == null) {
      return Verdict.of(Cause.of(Category.OTHER, "test binary", a, b, "test ID"));
    }
    String[] pa = parts(a);
    String[] pb = parts(b);
    Verdict v = Verdict.none();
    if (!pa[0].equals(pb[0])) {
      v = v.plus(Verdict.ref("link", pkg + ".test", false));
    }
    if (!pa[1].equals(pb[1])) {
      TokenDiff d = TokenDiff.of(list(pa[1]), list(pb[1]));
      v =
          v.plus(
              Verdict.of(
                  Cause.of(Category.FLAGS, "cacheable test flags", d.a(), d.b(), "test ID")));
    }
    if (!pa[2].equals(pb[2])) {
      v = v.plus(Verdict.of(Cause.of(Category.FLAGS, "-exec", pa[2], pb[2], "test ID")));
    }
    return v;
  }

  /** {@code [id, args, execcmd]}. */
  private static String[] parts(String text) {
    String rest = text.substring("test binary ".length());
    int args = rest.indexOf(" args ");
    int exec = rest.lastIndexOf(" execcmd ");
    return new String[] {
      rest.substring(0, args), rest.substring(args + 6, exec), rest.substring(exec + 9)
    };
  }

  private static List<String> list(String quotedList) {
    return GoQuoted.list(quotedList, 0, new int[1]);
  }

  static Verdict env(String name, InputLine a, InputLine b) {
    String remedy = Category.TESTENV.remedy();
    if (name.equals("GODEBUG")) {
      remedy +=
          " GODEBUG is hashed into every test result key since Go 1.23, and a capture sets"
              + " GODEBUG=gocachehash=1,gocachetest=1: compare captures with captures.";
    }
    return Verdict.of(
        new Cause(Category.TESTENV, name, envValue(a), envValue(b), remedy, "test input (getenv)"));
  }

  private static String envValue(InputLine line) {
    if (line == null) {
      return "not read";
    }
    String text = line.text();
    String hash = text.substring(text.lastIndexOf(' ') + 1);
    String h = hash.substring(0, Math.min(8, hash.length()));
    if ("unset".equals(line.detail())) {
      return "unset";
    }
    return ("set".equals(line.detail()) ? "set, value hash " : "value hash ") + h;
  }

  static Verdict file(String slot, InputLine a, InputLine b) {
    String op = slot.substring(0, slot.indexOf(' '));
    String path = slot.substring(op.length() + 1);
    String[] shown = statDiff(a, b);
    return Verdict.of(
        Cause.of(Category.TESTFILE, path, shown[0], shown[1], "test input (" + op + ")"));
  }

  /** The parts of two stat details that differ. */
  private static String[] statDiff(InputLine a, InputLine b) {
    if (a == null || b == null) {
      return new String[] {a == null ? "not read" : "read", b == null ? "not read" : "read"};
    }
    List<String> fa = stat(a);
    List<String> fb = stat(b);
    if (fa == null || fb == null) {
      return new String[] {metadata(a, fa), metadata(b, fb)};
    }
    String[] names = {"size", "mode", "mtime", "directory"};
    List<String> da = new ArrayList<>();
    List<String> db = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      if (!fa.get(i).equals(fb.get(i))) {
        da.add(names[i] + " " + fa.get(i));
        db.add(names[i] + " " + fb.get(i));
      }
    }
    if (da.isEmpty()) {
      return new String[] {"directory entries " + hashOf(a), "directory entries " + hashOf(b)};
    }
    return new String[] {String.join(", ", da), String.join(", ", db)};
  }

  /**
   * {@code stat SIZE MODEHEX YYYY-MM-DD HH:MM:SS.NNN +ZZZZ NAME ISDIR} as [size, mode, mtime, dir].
   */
  private static List<String> stat(InputLine line) {
    String d = line.detail();
    if (d == null || !d.startsWith("stat ")) {
      return null;
    }
    String first = d.lines().findFirst().orElse("");
    String[] f = first.split(" ");
    if (f.length < 5) {
      return null;
    }
    String mtime = String.join(" ", List.of(f).subList(3, f.length - 1));
    return List.of(f[1], f[2], mtime, f[f.length - 1]);
  }

  private static String metadata(InputLine line, List<String> parsed) {
    String d = line.detail();
    if (parsed == null && d != null && d.startsWith("err ")) {
      return "missing (" + d.substring(4).lines().findFirst().orElse("") + ")";
    }
    return "metadata hash " + hashOf(line);
  }

  private static String hashOf(InputLine line) {
    String t = line.text();
    return t.substring(t.lastIndexOf(' ') + 1, Math.min(t.length(), t.lastIndexOf(' ') + 9));
  }
}
