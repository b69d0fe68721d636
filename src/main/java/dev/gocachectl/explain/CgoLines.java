package dev.gocachectl.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * The C toolchain lines of a cgo package's compile key ({@code cmd/go/internal/work/exec.go}):
 *
 * <pre>
 * CC=["gcc"] [CPPFLAGS] [CFLAGS] [LDFLAGS]      the compiler and the CGO_* flags, #cgo lines added
 * CC ID="gcc version 12.2.0 (Debian 12.2.0-14) " the compiler's version line (cc -### -x c -c -)
 * CC ID ERROR="..."                             Go 1.25+: the version could not be read
 * CXX=["g++"] [CXXFLAGS]   CXX ID=...           FC=["gfortran"] [FFLAGS]   FC ID=...
 * </pre>
 *
 * Flags are reported under the variable that sets them ({@code CGO_CFLAGS}) with only the tokens
 * that differ, so that the same difference in every cgo package, and in the build settings stamped
 * into main packages, is one root cause.
 */
final class CgoLines {
  private static final String VIA = "C compiler flags";

  private CgoLines() {}

  static Verdict classify(String slot, String a, String b) {
    if ((a == null || b == null) && List.of("CC", "CXX", "FC").contains(slot)) {
      // Hashed only when the package has cgo (C++, Fortran) files: the file lines say why.
      return Verdict.none();
    }
    if (a == null || b == null || slot.contains(" ID") || slot.equals("GO_EXTLINK_ENABLED")) {
      String subject =
          switch (slot) {
            case "CC ID", "CC ID ERROR" -> "C compiler version";
            case "CXX ID", "CXX ID ERROR" -> "C++ compiler version";
            case "FC ID", "FC ID ERROR" -> "Fortran compiler version";
            default -> slot;
          };
      return Verdict.of(
          Cause.of(Category.CGO, subject, value(a, slot), value(b, slot), "C compiler version"));
    }
    List<String> names =
        switch (slot) {
          case "CC" -> List.of("CC", "CGO_CPPFLAGS", "CGO_CFLAGS", "CGO_LDFLAGS");
          case "CXX" -> List.of("CXX", "CGO_CXXFLAGS");
          default -> List.of("FC", "CGO_FFLAGS");
        };
    List<List<String>> la = lists(a, slot, names.size());
    List<List<String>> lb = lists(b, slot, names.size());
    List<Cause> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!la.get(i).equals(lb.get(i))) {
        TokenDiff d = TokenDiff.of(la.get(i), lb.get(i));
        out.add(Cause.of(Category.CGO, names.get(i), d.a(), d.b(), VIA));
      }
    }
    return Verdict.of(out);
  }

  private static String value(String text, String slot) {
    if (text == null) {
      return null;
    }
    String v = text.substring(Math.min(text.length(), text.indexOf('=') + 1)).strip();
    return v.startsWith("\"") && v.endsWith("\"") ? GoQuoted.unquote(v).strip() : v;
  }

  private static List<List<String>> lists(String text, String slot, int n) {
    List<List<String>> out = new ArrayList<>();
    int[] end = {slot.length() + 1};
    for (int i = 0; i < n; i++) {
      out.add(GoQuoted.list(text, end[0], end));
      end[0]++;
    }
    return out;
  }
}
