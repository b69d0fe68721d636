package dev.gocachectl.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code modinfo "..."} input of a main package's compile key: the build information stamped
 * into the binary ({@code debug.BuildInfo.String()}), one tab-separated record per line:
 *
 * <pre>
 * path    example.com/m/cmd/app
 * mod     example.com/m   (devel)
 * dep     golang.org/x/mod        v0.20.0 h1:...
 * =>      ../mod      (devel)                                   a replacement of the dep above
 * build   -tags=foo   build  CGO_CFLAGS=-O2 -g   build  GOAMD64=v1
 * build   vcs=git     build  vcs.revision=...    build  vcs.time=...  build  vcs.modified=false
 * </pre>
 *
 * Each differing record is its own cause, under the category of what it records: {@code -tags} is a
 * flag, {@code CGO_CFLAGS} cgo, {@code GOAMD64} target, {@code vcs.*} and module versions modinfo.
 * Without {@code -trimpath}, {@code -ldflags} and the {@code CGO_*} flags are recorded here, so
 * they recompile main packages even without cgo.
 */
final class ModinfoLines {
  private static final String VIA = "stamped build info";
  private static final Set<String> TARGET_KEYS = targetKeys();

  private ModinfoLines() {}

  static Verdict classify(String a, String b) {
    Map<String, String> ra = records(a);
    Map<String, String> rb = records(b);
    Verdict out = Verdict.none();
    StringBuilder vcsA = new StringBuilder();
    StringBuilder vcsB = new StringBuilder();
    Set<String> keys = new java.util.LinkedHashSet<>(ra.keySet());
    keys.addAll(rb.keySet());
    boolean vcsDiffers =
        keys.stream()
            .anyMatch(k -> k.startsWith("build vcs") && !Objects.equals(ra.get(k), rb.get(k)));
    for (String k : keys) {
      String va = ra.get(k);
      String vb = rb.get(k);
      if (Objects.equals(va, vb) || (vcsDiffers && k.equals("mod"))) {
        continue;
      }
      if (k.startsWith("build vcs")) {
        String field = k.substring("build ".length());
        vcsA.append(vcsA.isEmpty() ? "" : ", ").append(field).append('=').append(shortVcs(va));
        vcsB.append(vcsB.isEmpty() ? "" : ", ").append(field).append('=').append(shortVcs(vb));
      } else {
        out = out.plus(cause(k, va, vb));
      }
    }
    if (!vcsA.isEmpty()) {
      out =
          Verdict.of(
                  Cause.of(Category.MODINFO, "VCS stamping", vcsA.toString(), vcsB.toString(), VIA))
              .plus(out);
    }
    return out;
  }

  private static Verdict cause(String key, String a, String b) {
    if (key.startsWith("build ")) {
      return setting(key.substring("build ".length()), a, b);
    }
    String subject =
        key.equals("mod")
            ? "main module version"
            : "module " + key.substring(key.indexOf(' ') + 1) + " version";
    return Verdict.of(
        new Cause(
            Category.MODINFO,
            key.equals("path") ? "main package path" : subject,
            a,
            b,
            "A module version differs: that is different code, expected. Keep go.mod and go.sum"
                + " identical across machines to share entries.",
            VIA));
  }

  /**
   * One {@code build KEY=VALUE} record, under the subject the same setting has in other lines: an
   * absent record is null, except DefaultGODEBUG (omitted when empty).
   */
  private static Verdict setting(String name, String a, String b) {
    if (name.startsWith("CGO_") && name.endsWith("FLAGS")) {
      if (a == null || b == null) {
        // Recorded only with cgo enabled and without -trimpath (load.setBuildInfo).
        return Verdict.following(
            Set.of(Setting.CGO_ENABLED, Setting.TRIMPATH),
            Cause.of(Category.CGO, name, show(a), show(b), VIA));
      }
      TokenDiff d = TokenDiff.of(TokenDiff.words(a), TokenDiff.words(b));
      return Verdict.of(Cause.of(Category.CGO, name, d.a(), d.b(), VIA));
    }
    if (name.equals(Setting.CGO_ENABLED)) {
      return Verdict.following(Setting.TARGET, Setting.cgoEnabled(a, b, VIA));
    }
    if (Setting.INSTRUMENTING.contains(name) || name.equals(Setting.TRIMPATH)) {
      return Verdict.of(Setting.onOff(name, isTrue(a), isTrue(b), VIA));
    }
    if (name.equals("-ldflags") || name.equals("-gcflags") || name.equals("-asmflags")) {
      return Verdict.of(Cause.of(Category.FLAGS, name, flags(a), flags(b), VIA));
    }
    if (name.equals("DefaultGODEBUG")) {
      // A go line that differs too is the cause: the default GODEBUG follows from it.
      return Verdict.following(
          Set.of(Setting.GO_LINE),
          new Cause(
              Category.MODINFO,
              name,
              show(a == null ? "" : a),
              show(b == null ? "" : b),
              "The default GODEBUG differs. It comes from the main module's go line and godebug"
                  + " lines in go.mod, or in workspace mode (a go.work found above the module,"
                  + " unless GOWORK=off) from go.work's go and godebug lines, plus //go:debug"
                  + " lines of the main package. A go.work present on one side only is the usual"
                  + " cause: commit it or set GOWORK the same way everywhere, and align the go"
                  + " lines.",
              VIA));
    }
    Category c =
        name.startsWith("-")
            ? Category.FLAGS
            : name.startsWith("CGO_")
                ? Category.CGO
                : TARGET_KEYS.contains(name) ? Category.TARGET : Category.MODINFO;
    Cause cause = Cause.of(c, name, show(a), show(b), VIA);
    if (Setting.LEVELS.contains(name) && (a == null || b == null)) {
      // Each architecture has its own level variable (GOAMD64, GOARM64...).
      return Verdict.following(Set.of(Setting.GOARCH), cause);
    }
    return Verdict.of(cause);
  }

  private static Set<String> targetKeys() {
    Set<String> keys = new java.util.HashSet<>(Setting.LEVELS);
    keys.addAll(List.of("GOOS", "GOARCH", "GOEXPERIMENT", "GOFIPS140"));
    return Set.copyOf(keys);
  }

  private static boolean isTrue(String v) {
    return v != null && !v.equals("false");
  }

  /**
   * A recorded flag value as the tool line shows it: unquoted (BuildInfo quotes values with
   * spaces), without a package pattern ({@code all=-N} is {@code -N}), null when absent.
   */
  private static String flags(String v) {
    if (v == null) {
      return null;
    }
    String s = v.startsWith("\"") ? GoQuoted.unquote(v) : v;
    int eq = s.indexOf('=');
    if (eq > 0 && !s.startsWith("-") && !s.substring(0, eq).contains(" ")) {
      s = s.substring(eq + 1);
    }
    return s.isBlank() ? null : s.strip();
  }

  /** {@code path}, {@code mod}, {@code dep X}, {@code => X}, {@code build KEY} to their values. */
  static Map<String, String> records(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    String info = GoQuoted.unquote(text.substring("modinfo ".length()).strip());
    String lastDep = "";
    for (String line : info.split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length < 2) {
        continue;
      }
      switch (f[0]) {
        case "build" -> {
          int eq = f[1].indexOf('=');
          out.put(
              "build " + (eq < 0 ? f[1] : f[1].substring(0, eq)),
              eq < 0 ? "" : f[1].substring(eq + 1));
        }
        case "dep" -> {
          lastDep = f[1];
          out.put("dep " + f[1], String.join(" ", List.of(f).subList(2, f.length)).strip());
        }
        case "=>" ->
            out.put("=> " + lastDep, String.join(" ", List.of(f).subList(1, f.length)).strip());
        default -> out.put(f[0], String.join(" ", List.of(f).subList(1, f.length)).strip());
      }
    }
    return out;
  }

  private static String shortVcs(String v) {
    if (v == null) {
      return "(none)";
    }
    return v.length() == 40 && v.chars().allMatch(Character::isLetterOrDigit)
        ? v.substring(0, 12)
        : v;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String show(String s) {
    return s == null ? null : s.isEmpty() ? "(empty)" : s;
  }
}
