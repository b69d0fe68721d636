package dev.gocachectl.explain;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

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
      return Verdict.of(
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
    return Verdict.of(
        Cause.of(Category.MODINFO, "module version (-trimpath)", rest(a), rest(b), "module line"));
  }

  static Verdict file(String pkg, String name, String a, String b, Dirs dirs) {
    String what = pkg + "/" + name;
    if (a != null && b != null) {
      Category c = isSource(name) ? Category.SOURCE : Category.EMBED;
      return Verdict.of(Cause.of(c, what, hash(a), hash(b), "file line"));
    }
    Path elsewhere = a == null ? dirs.a() : dirs.b();
    if (elsewhere != null && Files.isRegularFile(elsewhere.resolve(name))) {
      String constraint = constraint(elsewhere.resolve(name));
      String subject = what + " under " + constraint;
      return Verdict.of(
          new Cause(
              Category.FLAGS,
              subject,
              a == null ? "excluded" : "compiled",
              b == null ? "excluded" : "compiled",
              "The file exists on both sides but build constraints select it on one only:"
                  + " -tags (or GOFLAGS), GOOS/GOARCH, CGO_ENABLED or the go version differ."
                  + " Pass the same -tags everywhere.",
              "file set"));
    }
    return Verdict.of(
        Cause.of(Category.FILESET, what, a == null ? null : "", b == null ? null : "", "file set"));
  }

  static boolean isSource(String name) {
    int dot = name.lastIndexOf('.');
    return dot >= 0 && SOURCE_EXTENSIONS.contains(name.substring(dot + 1));
  }

  /** The file's {@code //go:build} line, or what else selects it. */
  private static String constraint(Path file) {
    if (file.getFileName().toString().endsWith(".go")) {
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line; (line = r.readLine()) != null && !line.startsWith("package "); ) {
          if (line.startsWith("//go:build ")) {
            return "`" + line.strip() + "`";
          }
        }
      } catch (IOException e) {
        return "build constraints (unreadable: " + e.getMessage() + ")";
      }
    }
    return "its file name suffix (_GOOS, _GOARCH)";
  }

  private static String hash(String fileLine) {
    return fileLine.substring(fileLine.lastIndexOf(' ') + 1);
  }

  private static String rest(String line) {
    return line == null ? null : line.substring(line.indexOf(' ') + 1);
  }
}
