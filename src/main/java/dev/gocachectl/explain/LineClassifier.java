package dev.gocachectl.explain;

import java.util.Set;

/**
 * Says what one differing input slot of an action means ({@link Verdict}): its own root causes, or
 * a reference to the dependency whose output it carries. The line formats are documented in the
 * classes that take them apart: {@link ToolLines}, {@link CgoLines}, {@link ModinfoLines}, {@link
 * FileLines}, {@link TestInputLines}; the simple ones are here.
 *
 * <pre>
 * import DEP CONTENTID        packagefile DEP=CONTENTID     packagemain ACTIONID/CONTENTID
 * pkg "RAW COMPILE ACTION ID" vetout "DEP" ID               (all references, never causes)
 * go 1.24                     GOAMD64=v1  (=, GOARM=7, ...) GOEXPERIMENT="..."   GOROOT=/usr/local/go
 * trimpath                    forcelibrary                  cover "MODE" "TOOLID"   fuzz "FLAGS"
 * omitdebug false standard false local false prefix ""      defaultgodebug "..."   linkflags [...]
 * vetflags [...]              magic GOSSAFUNC=f             pgofile HASH
 * </pre>
 */
final class LineClassifier {
  private LineClassifier() {}

  static Verdict classify(
      ActionKey key, String slot, InputLine la, InputLine lb, FileLines.Dirs dirs) {
    try {
      return known(key, slot, la, lb, dirs);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      // A line in a shape this version does not know (another Go release, gccgo): show it whole.
      String a = la == null ? null : la.text();
      String b = lb == null ? null : lb.text();
      return whole(Category.OTHER, slot, slot, a, b);
    }
  }

  private static Verdict known(
      ActionKey key, String slot, InputLine la, InputLine lb, FileLines.Dirs dirs) {
    String a = la == null ? null : la.text();
    String b = lb == null ? null : lb.text();
    return switch (slot) {
      case "compile tool", "link tool", "asm", "vet", "cgo", "buildmode", "goos" ->
          ToolLines.classify(slot, a, b);
      case "CC",
          "CC ID",
          "CC ID ERROR",
          "CXX",
          "CXX ID",
          "CXX ID ERROR",
          "FC",
          "FC ID",
          "FC ID ERROR",
          "GO_EXTLINK_ENABLED" ->
          CgoLines.classify(slot, a, b);
      case "modinfo" -> ModinfoLines.classify(a, b);
      case "dir" -> FileLines.dir(a, b);
      case "module" -> FileLines.module(a, b);
      case "go" ->
          Verdict.of(
              new Cause(
                  Category.MODINFO,
                  Setting.GO_LINE,
                  value(slot, a),
                  value(slot, b),
                  "The main module's go line differs: it sets the language version every package"
                      + " of the module is compiled with, and the default GODEBUG of its"
                      + " programs. Build the same commit everywhere, and check that no go.work"
                      + " (whose go line wins in workspace mode) is present on one side only.",
                  "go line"));
      case "trimpath" ->
          Verdict.of(Setting.onOff(Setting.TRIMPATH, a != null, b != null, "trimpath line"));
      case "cover" -> whole(Category.FLAGS, "-cover", slot, a, b);
      case "fuzz" -> whole(Category.FLAGS, "fuzzing instrumentation", slot, a, b);
      case "omitdebug" ->
          whole(Category.FLAGS, "omitdebug (-ldflags=-w, test binaries)", slot, a, b);
      case "defaultgodebug" -> ModinfoLines.classify(godebug(a), godebug(b));
      case "linkflags" ->
          Verdict.of(Cause.of(Category.FLAGS, "-ldflags", flags(a), flags(b), "linkflags line"));
      case "vetflags" -> whole(Category.FLAGS, "vet flags", slot, a, b);
      case "GOROOT" -> goroot(a, b);
      case "GOEXPERIMENT" ->
          Verdict.of(
              Cause.of(
                  Category.TARGET,
                  Setting.GOEXPERIMENT,
                  experiment(a),
                  experiment(b),
                  "GOEXPERIMENT line"));
      case "archenv" ->
          whole(Category.TARGET, "architecture level (GOAMD64, GOARM...)", slot, a, b);
      case "pgofile" -> whole(Category.SOURCE, "PGO profile", slot, a, b);
      case "packagemain", "pkg" -> Verdict.ref("build", key.pkg(), false);
      case "test binary" -> TestInputLines.binary(key.pkg(), a, b);
      default -> prefixed(key, slot, la, lb, dirs);
    };
  }

  private static Verdict prefixed(
      ActionKey key, String slot, InputLine la, InputLine lb, FileLines.Dirs dirs) {
    String a = la == null ? null : la.text();
    String b = lb == null ? null : lb.text();
    int sp = slot.indexOf(' ');
    String first = sp < 0 ? slot : slot.substring(0, sp);
    String name = sp < 0 ? "" : slot.substring(sp + 1);
    return switch (first) {
      case "file" -> FileLines.file(key.pkg(), name, la, lb, dirs);
      case "import", "packagefile" -> Verdict.ref("build", name, la == null || lb == null);
      case "vetout" ->
          Verdict.ref("vet", name.startsWith("\"") ? GoQuoted.unquote(name) : name, false);
      case "env" -> TestInputLines.env(name, la, lb);
      case "open", "stat", "chdir" -> TestInputLines.file(slot, la, lb);
      case "magic" -> whole(Category.OTHER, name + " (compiler debug variable)", slot, a, b);
      default -> {
        if (Setting.LEVELS.contains(slot) && (a == null || b == null)) {
          // Each architecture has its own level variable (GOAMD64, GOARM64...).
          Verdict v = whole(Category.TARGET, slot, slot, a, b);
          yield Verdict.following(Set.of(Setting.GOARCH), v.causes().getFirst());
        }
        yield slot.startsWith("GO") && slot.equals(slot.toUpperCase(java.util.Locale.ROOT))
            ? whole(Category.TARGET, slot, slot, a, b)
            : whole(Category.OTHER, slot, slot, a, b);
      }
    };
  }

  /** A cause showing each side's line minus its slot name. */
  private static Verdict whole(Category c, String subject, String slot, String a, String b) {
    return Verdict.of(Cause.of(c, subject, value(slot, a), value(slot, b), slot + " line"));
  }

  private static String value(String slot, String text) {
    if (text == null) {
      return null;
    }
    String v = text.startsWith(slot) ? text.substring(slot.length()) : text;
    v = v.startsWith("=") ? v.substring(1) : v;
    v = v.strip();
    return v.isEmpty() ? "(empty)" : v;
  }

  /** {@code GOROOT=} is empty with -trimpath. */
  private static Verdict goroot(String a, String b) {
    Verdict v = whole(Category.TOOLCHAIN, "GOROOT", "GOROOT", a, b);
    boolean trimmed = "GOROOT=".equals(a) || "GOROOT=".equals(b);
    return trimmed ? Verdict.following(Set.of(Setting.TRIMPATH), v.causes().getFirst()) : v;
  }

  /** {@code GOEXPERIMENT="jsonv2"} as {@code jsonv2}, null when absent. */
  private static String experiment(String text) {
    if (text == null) {
      return null;
    }
    String v = text.substring(text.indexOf('=') + 1).strip();
    return v.startsWith("\"") ? GoQuoted.unquote(v) : v;
  }

  /** {@code linkflags ["-X=a" "-s"]} as {@code -X=a -s}, null when there are none. */
  private static String flags(String text) {
    return text == null
        ? null
        : ToolLines.joined(GoQuoted.list(text, text.indexOf('['), new int[1]));
  }

  /** {@code defaultgodebug "X"} as the one-record build info {@code build DefaultGODEBUG=X}. */
  private static String godebug(String text) {
    if (text == null) {
      return null;
    }
    String v = GoQuoted.unquote(text.substring("defaultgodebug ".length()).strip());
    return "modinfo " + GoQuoted.quote("build\tDefaultGODEBUG=" + v + "\n");
  }
}
