package dev.gocachectl.explain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a go command is run with that bring other input changes with them, by the subject
 * their causes carry, so that what a setting brings in is folded under it: a target selects files
 * by suffix and build constraint and has its own defaults (PIE on darwin, cgo off when
 * cross-compiling, its own architecture level variable), {@code CGO_ENABLED} selects the files
 * importing "C" and those constrained by {@code cgo}, {@code -race} and {@code -tags} select files
 * by constraint, {@code -trimpath} replaces the package directory by the module and drops GOROOT.
 *
 * <p>A cause that follows from settings names them ({@code follows}); when one of those settings
 * differs in the same action or anywhere in the comparison, the cause is that setting's.
 */
final class Setting {
  static final String GOOS = "GOOS";
  static final String GOARCH = "GOARCH";
  static final String CGO_ENABLED = "CGO_ENABLED";
  static final String GOEXPERIMENT = "GOEXPERIMENT";
  static final String TAGS = "-tags";
  static final String TRIMPATH = "-trimpath";
  static final String BUILDMODE = "-buildmode";
  static final String GO_VERSION = "Go version";

  /**
   * The main module's {@code go} line (go.work's in workspace mode): every package of the main
   * module is compiled with {@code -lang} from it ({@code go 1.24} in the compile's hash), and the
   * default GODEBUG of a main package follows from it.
   */
  static final String GO_LINE = "go line of go.mod or go.work";

  /** What a target brings: its default build mode, cgo default, level variable, files. */
  static final Set<String> TARGET = Set.of(GOOS, GOARCH);

  /** Flags that instrument every package and select files by the tag of the same name. */
  static final Set<String> INSTRUMENTING = Set.of("-race", "-msan", "-asan");

  /** {@code cmd/go/internal/work/exec.go} levels, one per architecture that has one. */
  static final Set<String> LEVELS =
      Set.of(
          "GOAMD64",
          "GOARM",
          "GOARM64",
          "GO386",
          "GOMIPS",
          "GOMIPS64",
          "GOPPC64",
          "GORISCV64",
          "GOWASM");

  /** {@code internal/syslist}: the known GOOS values ("unix" matches most of them). */
  private static final Set<String> OS_NAMES =
      Set.of(
          "aix",
          "android",
          "darwin",
          "dragonfly",
          "freebsd",
          "hurd",
          "illumos",
          "ios",
          "js",
          "linux",
          "nacl",
          "netbsd",
          "openbsd",
          "plan9",
          "solaris",
          "wasip1",
          "windows",
          "zos");

  /** {@code internal/syslist}: the known GOARCH values. */
  private static final Set<String> ARCH_NAMES =
      Set.of(
          "386",
          "amd64",
          "amd64p32",
          "arm",
          "armbe",
          "arm64",
          "arm64be",
          "loong64",
          "mips",
          "mipsle",
          "mips64",
          "mips64le",
          "mips64p32",
          "mips64p32le",
          "ppc",
          "ppc64",
          "ppc64le",
          "riscv",
          "riscv64",
          "s390",
          "s390x",
          "sparc",
          "sparc64",
          "wasm");

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.]+");

  private Setting() {}

  /** The settings a {@code //go:build} expression depends on. */
  static Set<String> ofConstraint(String expr) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = TOKEN.matcher(expr);
    while (m.find()) {
      String t = m.group();
      if (t.equals("go") || t.equals("build")) {
        continue;
      }
      out.add(ofTag(t));
      if (t.startsWith("goexperiment.")) {
        // The baseline experiments depend on the target (internal/buildcfg): dwarf5 is off on
        // darwin, for one.
        out.addAll(TARGET);
      }
    }
    return out;
  }

  private static String ofTag(String t) {
    if (OS_NAMES.contains(t) || t.equals("unix")) {
      return GOOS;
    }
    if (ARCH_NAMES.contains(t)) {
      return GOARCH;
    }
    int dot = t.indexOf('.');
    if (dot > 0 && ARCH_NAMES.contains(t.substring(0, dot))) {
      return "GO" + t.substring(0, dot).toUpperCase(Locale.ROOT);
    }
    if (t.equals("cgo")) {
      return CGO_ENABLED;
    }
    if (INSTRUMENTING.contains("-" + t)) {
      return "-" + t;
    }
    if (t.startsWith("goexperiment.")) {
      return GOEXPERIMENT;
    }
    if (t.matches("go1\\.\\d+")) {
      return GO_VERSION;
    }
    return TAGS;
  }

  /**
   * The settings a file name's {@code _GOOS}, {@code _GOARCH} or {@code _GOOS_GOARCH} suffix
   * depends on ({@code go/build}'s goodOSArchFile), empty when it has none.
   */
  static Set<String> ofFileName(String name) {
    int dot = name.lastIndexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    if (stem.endsWith("_test")) {
      stem = stem.substring(0, stem.length() - "_test".length());
    }
    List<String> parts = List.of(stem.split("_"));
    Set<String> out = new LinkedHashSet<>();
    int n = parts.size();
    if (n >= 3 && OS_NAMES.contains(parts.get(n - 2)) && ARCH_NAMES.contains(parts.get(n - 1))) {
      out.add(GOOS);
      out.add(GOARCH);
    } else if (n >= 2 && OS_NAMES.contains(parts.get(n - 1))) {
      out.add(GOOS);
    } else if (n >= 2 && ARCH_NAMES.contains(parts.get(n - 1))) {
      out.add(GOARCH);
    }
    return out;
  }

  /** {@code CGO_ENABLED} differs, however it was seen; one cause wherever it is found. */
  static Cause cgoEnabled(String a, String b, String via) {
    return new Cause(
        Category.CGO,
        CGO_ENABLED,
        a,
        b,
        "Set CGO_ENABLED explicitly on every runner. Left unset, go enables cgo only for native"
            + " builds where it finds a C compiler ($CC, or gcc/clang in PATH): an image without"
            + " one, or a cross build, gets CGO_ENABLED=0. It selects the files importing \"C\""
            + " and those constrained by cgo (net, os/user, runtime/cgo among them), and with it"
            + " the C compiler and the CGO_* flags enter the keys.",
        via);
  }

  /** An instrumenting flag or {@code -trimpath} as {@code off}/{@code on}. */
  static Cause onOff(String flag, boolean a, boolean b, String via) {
    return Cause.of(Category.FLAGS, flag, a ? "on" : "off", b ? "on" : "off", via);
  }
}
