package dev.gocachectl.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
      if (slot.equals("asm") || slot.equals("cgo")) {
        // Hashed only when the package has assembler or cgo files: the file lines say why.
        return Verdict.none();
      }
      return Verdict.of(Cause.of(Category.OTHER, slot, a, b, slot + " line"));
    }
    return switch (slot) {
      case "compile tool" -> toolAndLists("compile", rest(a), rest(b), "-gcflags");
      case "asm" -> toolAndLists("asm", rest(a), rest(b), "-asmflags");
      case "link tool" -> link(rest(a), rest(b));
      case "buildmode", "goos" -> fields(a, b);
      default -> toolId(slot, plain(rest(a)), plain(rest(b)));
    };
  }

  private static String rest(String text) {
    return text.substring(text.indexOf(' ') + 1);
  }

  private static Verdict toolAndLists(String tool, String a, String b, String flagName) {
    int ia = a.indexOf(" [");
    int ib = b.indexOf(" [");
    Verdict out = toolId(tool, plain(a.substring(0, ia)), plain(b.substring(0, ib)));
    int[] ea = new int[1];
    int[] eb = new int[1];
    List<String> forcedA = GoQuoted.list(a, ia + 1, ea);
    List<String> forcedB = GoQuoted.list(b, ib + 1, eb);
    out = out.plus(forced(tool, forcedA, forcedB));
    List<String> flagsA = GoQuoted.list(a, ea[0] + 1, ea);
    List<String> flagsB = GoQuoted.list(b, eb[0] + 1, eb);
    if (!flagsA.equals(flagsB)) {
      out =
          out.plus(
              Verdict.of(
                  Cause.of(
                      Category.FLAGS, flagName, joined(flagsA), joined(flagsB), "tool flags")));
    }
    return out;
  }

  private static Verdict link(String a, String b) {
    int ia = a.indexOf(" [");
    int ib = b.indexOf(" [");
    Verdict out = toolId("link", a.substring(0, ia), b.substring(0, ib));
    int[] ea = new int[1];
    int[] eb = new int[1];
    List<String> forcedA = GoQuoted.list(a, ia + 1, ea);
    List<String> forcedB = GoQuoted.list(b, ib + 1, eb);
    out = out.plus(forced("link", forcedA, forcedB));
    String modeA = a.substring(ea[0]).strip();
    String modeB = b.substring(eb[0]).strip();
    if (!modeA.equals(modeB)) {
      // The mode the linker runs in: -buildmode, or the target's default (pie on darwin, windows).
      out =
          out.plus(
              Verdict.following(
                  Set.of(Setting.GOOS, Setting.GOARCH, Setting.BUILDMODE),
                  Cause.of(Category.FLAGS, Setting.BUILDMODE, modeA, modeB, "link line")));
    }
    return out;
  }

  /**
   * Forced flags: {@code -race}, {@code -msan}, {@code -asan} each as its own flag; the rest come
   * from the build mode ({@code -shared} for pie, which is darwin's and windows' default).
   */
  private static Verdict forced(String tool, List<String> a, List<String> b) {
    Verdict out = Verdict.none();
    if (a.equals(b)) {
      return out;
    }
    List<String> restA = new ArrayList<>(a);
    List<String> restB = new ArrayList<>(b);
    for (String flag : Setting.INSTRUMENTING) {
      if (a.contains(flag) != b.contains(flag)) {
        out =
            out.plus(
                Verdict.of(
                    Setting.onOff(
                        flag, a.contains(flag), b.contains(flag), "forced " + tool + " flags")));
      }
      restA.remove(flag);
      restB.remove(flag);
    }
    if (!restA.equals(restB)) {
      TokenDiff d = TokenDiff.of(restA, restB);
      out =
          out.plus(
              Verdict.following(
                  Set.of(Setting.GOOS, Setting.GOARCH, Setting.BUILDMODE),
                  Cause.of(
                      Category.FLAGS,
                      "forced " + tool + " flags (build mode)",
                      d.a(),
                      d.b(),
                      "tool flags")));
    }
    return out;
  }

  /**
   * A tool's {@code -V=full} line: {@code compile version go1.26.8}, with {@code X:exp,...} when
   * GOEXPERIMENT enables experiments (cmd/internal/objabi). A difference in that suffix alone is
   * GOEXPERIMENT, a target setting, not another toolchain.
   */
  private static Verdict toolId(String tool, String a, String b) {
    if (a.equals(b)) {
      return Verdict.none();
    }
    int xa = a.indexOf(" X:");
    int xb = b.indexOf(" X:");
    String baseA = xa < 0 ? a : a.substring(0, xa);
    String baseB = xb < 0 ? b : b.substring(0, xb);
    if (baseA.equals(baseB)) {
      return Verdict.of(
          Cause.of(
              Category.TARGET,
              Setting.GOEXPERIMENT,
              xa < 0 ? null : a.substring(xa + 3),
              xb < 0 ? null : b.substring(xb + 3),
              tool + " -V=full"));
    }
    return Verdict.of(Cause.of(Category.TOOLCHAIN, tool + " tool ID", a, b, tool + " -V=full"));
  }

  /** {@code [buildmode M] goos X goarch Y}: one cause per field that differs. */
  private static Verdict fields(String a, String b) {
    String[] fa = a.split(" ");
    String[] fb = b.split(" ");
    List<Cause> out = new ArrayList<>();
    for (int i = 0; i + 1 < Math.min(fa.length, fb.length); i += 2) {
      if (!fa[i + 1].equals(fb[i + 1])) {
        String name =
            fa[i].equals("buildmode")
                ? Setting.BUILDMODE
                : fa[i].toUpperCase(java.util.Locale.ROOT);
        Category c = fa[i].equals("buildmode") ? Category.FLAGS : Category.TARGET;
        out.add(Cause.of(c, name, fa[i + 1], fb[i + 1], "target line"));
      }
    }
    if (out.isEmpty()) {
      out.add(Cause.of(Category.OTHER, fa[0], a, b, "target line"));
    }
    return Verdict.of(out);
  }

  /** Flags as typed on a command line, null when there are none. */
  static String joined(List<String> flags) {
    return flags.isEmpty() ? null : String.join(" ", flags);
  }

  /** A tool ID printed with or without quotes, as text. */
  private static String plain(String s) {
    String t = s.strip();
    return t.startsWith("\"") ? GoQuoted.unquote(t) : t;
  }
}
