package dev.gocachectl.gotool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code go env -w} file (GOENV): {@code NAME=VALUE} lines as go writes them, and the values go
 * takes for the variables {@code go env} only prints at a cost (the cgo flags).
 */
public final class GoEnvFile {
  /**
   * The cgo flag variables and go's defaults for them: go takes the variable from the environment,
   * then from the go env -w file, then the default (envList and buildFlags in
   * cmd/go/internal/work/exec.go, DefaultCFlags "-O2 -g").
   */
  public static final Map<String, String> CGO_FLAGS =
      Map.of(
          "CGO_CFLAGS", "-O2 -g",
          "CGO_CPPFLAGS", "",
          "CGO_CXXFLAGS", "-O2 -g",
          "CGO_FFLAGS", "-O2 -g",
          "CGO_LDFLAGS", "-O2 -g");

  /** The cgo flag variables in a fixed order. */
  public static final List<String> CGO_FLAG_NAMES =
      List.of("CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_FFLAGS", "CGO_LDFLAGS");

  private GoEnvFile() {}

  /** The file's variables; empty when {@code goenv} is empty, {@code off} or no regular file. */
  public static Map<String, String> read(String goenv) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (goenv.isEmpty() || goenv.equals("off")) {
      return out;
    }
    Path p = Path.of(goenv);
    if (!Files.isRegularFile(p) || Files.size(p) > 1 << 20) {
      return out;
    }
    for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq).strip(), line.substring(eq + 1));
      }
    }
    return out;
  }

  /** The value go uses for the cgo flag variable {@code name}: environment, file, default. */
  public static String cgoFlags(String name, Map<String, String> env, Map<String, String> file) {
    String v = env.getOrDefault(name, "");
    if (v.isEmpty()) {
      v = file.getOrDefault(name, "");
    }
    return v.isEmpty() ? CGO_FLAGS.getOrDefault(name, "") : v;
  }
}
