package dev.gocachectl.doctor;

import dev.gocachectl.gotool.CcToolId;
import dev.gocachectl.gotool.Executables;
import dev.gocachectl.gotool.QuotedFields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * cgo's part of the action key (D9–D11). Since Go 1.20 go turns cgo off by itself when CC is unset
 * and the default C compiler is not on PATH ({@code cmd/go/internal/cfg/cfg.go} {@code
 * defaultContext}), which changes file sets and build settings against runners that have one. Every
 * cgo package hashes {@code CC=<CC> <CPPFLAGS> <CFLAGS> <LDFLAGS>} verbatim and {@code CC ID=} the
 * compiler's version line ({@code cmd/go/internal/work/exec.go} {@code buildActionID}; see {@link
 * CcToolId}), so a job-specific path in a flag, or a compiler whose ID go cannot compute, misses.
 */
final class CgoCheck implements Check {
  private static final List<String> FLAG_VARIABLES =
      List.of("CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_FFLAGS", "CGO_LDFLAGS");

  @Override
  public List<Finding> check(RunnerFacts f) {
    List<Finding> out = new ArrayList<>();
    String enabled = f.go("CGO_ENABLED");
    String cc = f.go("CC");
    boolean chosen = f.setInEnv("CGO_ENABLED") || f.goEnvFile().containsKey("CGO_ENABLED");
    List<String> ccFields = fields(cc);
    boolean ccFound =
        !ccFields.isEmpty()
            && Executables.lookPath(ccFields.getFirst(), f.env(), f.workDir()).isPresent();
    if (enabled.equals("0") && !chosen && !ccFound) {
      out.add(
          new Finding(
              FindingId.CGO_OFF_WITHOUT_CC,
              Severity.MISSES_CACHE,
              "CGO_ENABLED=0 by go's default because the C compiler "
                  + (cc.isEmpty() ? "gcc" : cc)
                  + " is not on PATH ("
                  + f.raw("PATH")
                  + ")",
              "go silently builds without cgo here (other packages and files: net, os/user, your"
                  + " cgo packages fail or fall back), so nothing is shared with runners that have"
                  + " a C compiler.",
              "set CGO_ENABLED explicitly on every runner: 0 everywhere, or 1 and install a C"
                  + " compiler",
              "CGO_ENABLED=0 drops cgo packages; =1 needs the same compiler version everywhere"));
    }
    if (enabled.equals("1") && f.cc().isPresent()) {
      CcToolId id = f.cc().get();
      if (id.executable().isEmpty()) {
        out.add(
            new Finding(
                FindingId.CC_NOT_FOUND,
                Severity.BREAKS_BUILD,
                "CGO_ENABLED=1 and CC=" + cc + ", but " + id.error().orElse("not found"),
                "every cgo package fails to build.",
                "install the C compiler or point CC at it (or set CGO_ENABLED=0)",
                "CGO_ENABLED=0 drops cgo packages"));
      } else if (id.versionLine().isEmpty()) {
        out.add(
            new Finding(
                FindingId.CC_ID_ERROR,
                Severity.MISSES_CACHE,
                "CC="
                    + cc
                    + ": go runs `"
                    + id.command().getFirst()
                    + " -### -x c -c -` for its version line and gets: "
                    + id.error().orElse(""),
                "go hashes \"CC ID ERROR=<that message>\" into every cgo package: a wrapper whose"
                    + " output changes between runs misses every time, and the compiler version is"
                    + " not in the key at all.",
                "point CC at the real compiler, or make the wrapper pass -### through to it",
                "none"));
      }
    }
    for (String v : FLAG_VARIABLES) {
      for (String field : fields(f.go(v))) {
        Optional<Path> path = pathIn(field);
        if (path.isEmpty()) {
          continue;
        }
        Optional<String> why = JobPaths.why(path.get(), f);
        if (why.isPresent()) {
          out.add(
              new Finding(
                  FindingId.CGO_FLAGS_JOB_PATH,
                  Severity.MISSES_CACHE,
                  v + " holds " + field + ": " + why.get(),
                  "go hashes the flags verbatim into every cgo package (\"CC=... "
                      + v
                      + "\"), and"
                      + " -trimpath does not hide them: the next job's path misses.",
                  "use a path that is the same in every job (install the dependency at a fixed"
                      + " place, or link it there)",
                  "a stable path must hold the same headers and libraries on every runner"));
          break;
        }
      }
    }
    return out;
  }

  private static List<String> fields(String s) {
    try {
      return QuotedFields.split(s);
    } catch (IllegalArgumentException e) {
      return List.of(s);
    }
  }

  /** The absolute path a compiler flag names: the field, or the value of -I, -L, -isystem... */
  static Optional<Path> pathIn(String field) {
    String s = field;
    for (String prefix :
        List.of("--sysroot=", "-isystem", "-iquote", "-idirafter", "-I", "-L", "-F", "-B")) {
      if (s.startsWith(prefix)) {
        s = s.substring(prefix.length());
        break;
      }
    }
    if (s.startsWith("-Wl,-rpath,")) {
      s = s.substring("-Wl,-rpath,".length());
    }
    return s.startsWith("/") ? Optional.of(Path.of(s)) : Optional.empty();
  }
}
