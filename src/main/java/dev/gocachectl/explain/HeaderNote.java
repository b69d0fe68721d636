package dev.gocachectl.explain;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The note for cgo packages whose keys would hit although a header they include may have changed:
 * their C flags name include directories outside the package directory ({@code -I}, {@code
 * -isystem}, {@code -iquote}, {@code -idirafter}, from CGO_CFLAGS/CGO_CPPFLAGS or #cgo lines).
 * cmd/go hashes only the package's own files, headers among them ({@code buildActionID} in
 * cmd/go/internal/work/exec.go: one {@code file} line per file of the package directory), the flags
 * as text and the compiler's version, never what an include directory holds.
 */
final class HeaderNote {
  private static final List<String> INCLUDE_FLAGS =
      List.of("-isystem", "-iquote", "-idirafter", "-I");
  private static final int SHOWN = 3;

  private HeaderNote() {}

  /** {@code e} with the note added when an action equal on both sides includes from outside. */
  static Explanation add(
      Explanation e, Map<ActionKey, CapturedAction> ma, Map<ActionKey, CapturedAction> mb) {
    List<String> hits = new ArrayList<>();
    Set<String> dirs = new LinkedHashSet<>();
    for (Map.Entry<ActionKey, CapturedAction> en : mb.entrySet()) {
      CapturedAction a = ma.get(en.getKey());
      CapturedAction b = en.getValue();
      if (a == null || !a.id().equals(b.id()) || !a.salt().equals(b.salt())) {
        continue;
      }
      List<String> outside = outsideIncludes(b);
      if (!outside.isEmpty()) {
        hits.add(b.key().toString());
        dirs.addAll(outside);
      }
    }
    if (hits.isEmpty()) {
      return e;
    }
    String shown =
        String.join(", ", hits.subList(0, Math.min(SHOWN, hits.size())))
            + (hits.size() > SHOWN ? " and " + (hits.size() - SHOWN) + " more" : "");
    String note =
        shown
            + " include headers from outside the package directory ("
            + String.join(" ", dirs)
            + "): headers there are not hashed (cmd/go hashes only the files in the package"
            + " directory, the C flags as text and the compiler version), so a changed header"
            + " there keeps the same key and the stale object is reused: a wrong hit, not a miss."
            + " After changing such headers run go clean -cache, or build with -a.";
    List<String> notes = new ArrayList<>(e.notes());
    notes.add(note);
    return new Explanation(
        e.a(), e.b(), e.causes(), e.groups(), e.totals(), e.onlyInA(), e.onlyInB(), notes);
  }

  /** The include flags of the action's CC line that point outside its package directory. */
  static List<String> outsideIncludes(CapturedAction action) {
    Path dir = null;
    String cc = null;
    for (InputLine in : action.inputs()) {
      String t = in.text();
      if (t.startsWith("dir ")) {
        dir = path(t.substring(4));
      } else if (t.startsWith("CC=[")) {
        cc = t;
      }
    }
    if (dir == null || cc == null) {
      return List.of(); // GOROOT or -trimpath: the package directory is not in the key
    }
    List<String> tokens = new ArrayList<>();
    int[] end = {"CC=".length()};
    GoQuoted.list(cc, end[0], end); // the compiler
    for (int i = 0; i < 2; i++) { // CPPFLAGS, CFLAGS
      tokens.addAll(GoQuoted.list(cc, end[0] + 1, end));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      for (String flag : INCLUDE_FLAGS) {
        if (t.startsWith(flag)) {
          String p = t.length() > flag.length() ? t.substring(flag.length()) : next(tokens, i);
          Path inc = p == null ? null : path(p);
          if (inc != null && !dir.resolve(inc).normalize().startsWith(dir)) {
            out.add(t.length() > flag.length() ? t : t + " " + p);
          }
          break;
        }
      }
    }
    return out;
  }

  private static String next(List<String> tokens, int i) {
    return i + 1 < tokens.size() ? tokens.get(i + 1) : null;
  }

  private static Path path(String s) {
    try {
      return Path.of(s);
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
