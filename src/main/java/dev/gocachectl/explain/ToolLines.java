package dev.gocachectl.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines naming a tool and its flags ({@code cmd/go/internal/work/exec.go}):
 *
 * <pre>
 * compile compile version go1.26.8 [FORCED] [GCFLAGS]    tool ID, forced flags (-race...), -gcflags
 * asm "asm version go1.26.8" [FORCED] [ASMFLAGS]
 * link link version go1.26.8 [FORCED] exe                tool ID, forced flags, link build mode
 * cgo "cgo version go1.26.8"      vet "vet version go1.26.8"
 * goos linux goarch amd64         buildmode default goos linux goarch amd64
 * </pre>
 *
 * A tool ID is the tool's {@code -V=full} line for a release (through {@code -toolexec} if set),
 * the content half of its build ID for a devel toolchain.
 */
final class ToolLines {
  private ToolLines() {}

  static Verdict classify(String slot, String a, String b) {
    if (a == null || b == null) {
      return Verdict.of(Cause.of(Category.OTHER, slot, a, b, slot + " line"));
    }
    return switch (slot) {
      case "compile tool" -> toolAndLists("compile", rest(a), rest(b), "-gcflags");
      case "asm" -> toolAndLists("asm", rest(a), rest(b), "-asmflags");
      case "link tool" -> link(rest(a), rest(b));
      case "buildmode", "goos" -> fields(a, b);
      default -> quotedTool(slot, rest(a), rest(b));
    };
  }

  private static String rest(String text) {
    return text.substring(text.indexOf(' ') + 1);
  }

  private static Verdict toolAndLists(String tool, String a, String b, String flagName) {
    int ia = a.indexOf(" [");
    int ib = b.indexOf(" [");
    List<Cause> out = new ArrayList<>();
    String idA = plain(a.substring(0, ia));
    String idB = plain(b.substring(0, ib));
    if (!idA.equals(idB)) {
      out.add(Cause.of(Category.TOOLCHAIN, tool + " tool ID", idA, idB, tool + " -V=full"));
    }
    int[] ea = new int[1];
    int[] eb = new int[1];
    List<String> forcedA = GoQuoted.list(a, ia + 1, ea);
    List<String> forcedB = GoQuoted.list(b, ib + 1, eb);
    if (!forcedA.equals(forcedB)) {
      out.add(
          lists("forced " + tool + " flags (-race, -msan, -asan, build mode)", forcedA, forcedB));
    }
    List<String> flagsA = GoQuoted.list(a, ea[0] + 1, ea);
    List<String> flagsB = GoQuoted.list(b, eb[0] + 1, eb);
    if (!flagsA.equals(flagsB)) {
      out.add(lists(flagName, flagsA, flagsB));
    }
    return new Verdict(out, List.of());
  }

  private static Verdict link(String a, String b) {
    int ia = a.indexOf(" [");
    int ib = b.indexOf(" [");
    List<Cause> out = new ArrayList<>();
    if (!a.substring(0, ia).equals(b.substring(0, ib))) {
      out.add(
          Cause.of(
              Category.TOOLCHAIN,
              "link tool ID",
              a.substring(0, ia),
              b.substring(0, ib),
              "link -V=full"));
    }
    int[] ea = new int[1];
    int[] eb = new int[1];
    List<String> forcedA = GoQuoted.list(a, ia + 1, ea);
    List<String> forcedB = GoQuoted.list(b, ib + 1, eb);
    if (!forcedA.equals(forcedB)) {
      out.add(lists("forced linker flags (-race, -msan, -asan, build mode)", forcedA, forcedB));
    }
    String modeA = a.substring(ea[0]).strip();
    String modeB = b.substring(eb[0]).strip();
    if (!modeA.equals(modeB)) {
      out.add(Cause.of(Category.FLAGS, "-buildmode", modeA, modeB, "link line"));
    }
    return new Verdict(out, List.of());
  }

  private static Cause lists(String subject, List<String> a, List<String> b) {
    TokenDiff d = TokenDiff.of(a, b);
    return Cause.of(Category.FLAGS, subject, d.a(), d.b(), "tool flags");
  }

  /** {@code cgo "cgo version go1.26.8"}, {@code vet "vet version go1.26.8"}. */
  private static Verdict quotedTool(String tool, String a, String b) {
    String idA = plain(a);
    String idB = plain(b);
    return Verdict.of(Cause.of(Category.TOOLCHAIN, tool + " tool ID", idA, idB, tool + " -V=full"));
  }

  /** {@code [buildmode M] goos X goarch Y}: one cause per field that differs. */
  private static Verdict fields(String a, String b) {
    String[] fa = a.split(" ");
    String[] fb = b.split(" ");
    List<Cause> out = new ArrayList<>();
    for (int i = 0; i + 1 < Math.min(fa.length, fb.length); i += 2) {
      if (!fa[i + 1].equals(fb[i + 1])) {
        String name =
            fa[i].equals("buildmode") ? "-buildmode" : fa[i].toUpperCase(java.util.Locale.ROOT);
        Category c = fa[i].equals("buildmode") ? Category.FLAGS : Category.TARGET;
        out.add(Cause.of(c, name, fa[i + 1], fb[i + 1], "target line"));
      }
    }
    if (out.isEmpty()) {
      out.add(Cause.of(Category.OTHER, fa[0], a, b, "target line"));
    }
    return new Verdict(out, List.of());
  }

  /** A tool ID printed with or without quotes, as text. */
  private static String plain(String s) {
    String t = s.strip();
    return t.startsWith("\"") ? GoQuoted.unquote(t) : t;
  }
}
