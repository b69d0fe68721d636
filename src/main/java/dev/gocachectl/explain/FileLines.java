package dev.gocachectl.explain;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The lines that say where a package is and what it is made of:
 *
 * <pre>
 * dir /src/m/a                 the package directory, hashed when -trimpath is off
 * module example.com/m@v1.2.0  with -trimpath instead: the module and its version
 * file a.go PEfE7o35oBBYT6OYXyAO   one per Go, C, assembler, syso... and embedded file:
 *                                  its name and the first 15 bytes of its SHA-256 (base64url)
 * </pre>
 *
 * Files are listed in a fixed order (Go, cgo, C, C++, Fortran, Objective-C, headers, assembler,
 * syso, SWIG, then embedded files), so an embedded file is told apart by its extension: anything
 * that is not a source extension is embedded. A file compiled on one side only is looked for in the
 * other side's package directory: if it is there, build constraints left it out.
 */
final class FileLines {
  private static final Set<String> SOURCE_EXTENSIONS =
      Set.of(
          "go", "c", "cc", "cpp", "cxx", "h", "hh", "hpp", "hxx", "f", "F", "for", "f90", "m", "s",
          "S", "sx", "syso", "swig", "swigcxx");

  /** The package directories of the two sides, when the keys name them. */
  record Dirs(Path a, Path b) {}

  private FileLines() {}

  static Verdict dir(String a, String b) {
    if (a == null || b == null) {
      // -trimpath hashes the module instead of the directory.
      return Verdict.following(
          Set.of(Setting.TRIMPATH),
          Cause.of(
              Category.PATH,
              "package directory in the key (no -trimpath)",
              rest(a),
              rest(b),
              "dir line"));
    }
    List<String> sa = Arrays.asList(rest(a).split("[/\\\\]", -1));
    List<String> sb = Arrays.asList(rest(b).split("[/\\\\]", -1));
    int common = 0;
    while (common < Math.min(sa.size(), sb.size()) - 1
        && sa.get(sa.size() - 1 - common).equals(sb.get(sb.size() - 1 - common))) {
      common++;
    }
    String lastA = sa.get(sa.size() - 1 - common);
    String lastB = sb.get(sb.size() - 1 - common);
    if (lastA.contains("@") && lastB.contains("@")) {
      return Verdict.of(
          new Cause(
              Category.MODINFO,
              "module version (module cache directory)",
              lastA,
              lastB,
              "A dependency's version differs: different code, expected. Keep go.mod and go.sum"
                  + " identical across machines.",
              "dir line"));
    }
    String pa = String.join("/", sa.subList(0, sa.size() - common));
    String pb = String.join("/", sb.subList(0, sb.size() - common));
    return Verdict.of(Cause.of(Category.PATH, "package directory", pa, pb, "dir line"));
  }

  static Verdict module(String a, String b) {
    if (a == null || b == null) {
      return Verdict.following(
          Set.of(Setting.TRIMPATH),
          Cause.of(
              Category.MODINFO, "module version (-trimpath)", rest(a), rest(b), "module line"));
    }
    return Verdict.of(
        Cause.of(Category.MODINFO, "module version (-trimpath)", rest(a), rest(b), "module line"));
  }

  static Verdict file(String pkg, String name, InputLine la, InputLine lb, Dirs dirs) {
    String what = pkg + "/" + name;
    String a = la == null ? null : la.text();
    String b = lb == null ? null : lb.text();
    if (a != null && b != null) {
      Category c = isSource(name) ? Category.SOURCE : Category.EMBED;
      return Verdict.of(Cause.of(c, what, hash(a), hash(b), "file line"));
    }
    Path there = located(la != null ? la : lb, la != null ? dirs.a() : dirs.b(), name);
    Path elsewhere = a == null ? dirs.a() : dirs.b();
    Path other = elsewhere != null ? elsewhere.resolve(name) : there;
    if (other == null || !Files.isRegularFile(other)) {
      return Verdict.of(
          Cause.of(
              Category.FILESET, what, a == null ? null : "", b == null ? null : "", "file set"));
    }
    Selector sel = selector(other);
    if (sel.importsC()) {
      // Files importing "C" are compiled only with cgo enabled (go/build: CgoFiles).
      return Verdict.following(
          Setting.TARGET,
          Setting.cgoEnabled(a == null ? "0" : "1", b == null ? "0" : "1", "file set"));
    }
    Set<String> settings = new java.util.LinkedHashSet<>(Setting.ofFileName(name));
    String constraint = "its file name suffix";
    if (sel.build() != null) {
      settings.addAll(Setting.ofConstraint(sel.build().substring("//go:build".length())));
      constraint = "`" + sel.build() + "`";
    } else if (settings.isEmpty()) {
      constraint = "no build constraint found";
    }
    return Verdict.following(
        settings,
        new Cause(
            Category.FLAGS,
            what + " under " + constraint,
            a == null ? "excluded" : "compiled",
            b == null ? "excluded" : "compiled",
            "The file exists on both sides but build constraints select it on one only:"
                + " -tags (or GOFLAGS), GOOS/GOARCH, CGO_ENABLED or the go version differ."
                + " Pass the same -tags everywhere.",
            "file set"));
  }

  /** Where a file line's file is: the path go hashed (the log shows it), or in its package dir. */
  private static Path located(InputLine line, Path dir, String name) {
    if (line.detail() != null && line.detail().startsWith("/")) {
      try {
        return Path.of(line.detail());
      } catch (java.nio.file.InvalidPathException e) {
        // fall through to the directory
      }
    }
    return dir == null ? null : dir.resolve(name);
  }

  static boolean isSource(String name) {
    int dot = name.lastIndexOf('.');
    return dot >= 0 && SOURCE_EXTENSIONS.contains(name.substring(dot + 1));
  }

  /** What selects a file: its {@code //go:build} line (or null), and whether it imports "C". */
  record Selector(String build, boolean importsC) {}

  private static final Pattern IMPORT_C =
      Pattern.compile("(?m)^\\s*(?:import\\s+)?(?:_\\s+)?\"C\"\\s*$");

  private static Selector selector(Path file) {
    String build = null;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      StringBuilder imports = new StringBuilder();
      boolean go = file.getFileName().toString().endsWith(".go");
      boolean pastPackage = false;
      for (String line; (line = r.readLine()) != null; ) {
        String t = line.strip();
        if (!pastPackage && build == null && t.startsWith("//go:build ")) {
          build = t;
        }
        if (t.startsWith("package ")) {
          pastPackage = true;
        } else if (pastPackage && (t.startsWith("func ") || t.startsWith("type "))) {
          break;
        } else if (pastPackage) {
          imports.append(line).append('\n');
        }
        if (!go && !t.isEmpty() && !t.startsWith("//") && !t.startsWith("/*")) {
          break;
        }
      }
      return new Selector(build, go && IMPORT_C.matcher(imports).find());
    } catch (IOException | java.io.UncheckedIOException e) {
      return new Selector(build, false);
    }
  }

  private static String hash(String fileLine) {
    return fileLine.substring(fileLine.lastIndexOf(' ') + 1);
  }

  private static String rest(String line) {
    return line == null ? null : line.substring(line.indexOf(' ') + 1);
  }
}
