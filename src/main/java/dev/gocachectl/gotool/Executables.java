package dev.gocachectl.gotool;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a program as go's {@code os/exec.LookPath} does on Unix: a name with a slash is used as it
 * is (relative to the working directory); a bare name is searched on the PATH of the environment go
 * runs with (not doctor's own), an empty PATH element meaning the working directory.
 */
public final class Executables {
  private Executables() {}

  public static Optional<Path> lookPath(String name, Map<String, String> env, Path workDir) {
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (name.indexOf('/') >= 0) {
      Path p = workDir.resolve(name);
      return executable(p) ? Optional.of(p) : Optional.empty();
    }
    for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator, -1)) {
      Path p = (dir.isEmpty() ? workDir : workDir.resolve(dir)).resolve(name);
      if (executable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static boolean executable(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p);
  }
}
