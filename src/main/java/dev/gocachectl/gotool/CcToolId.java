package dev.gocachectl.gotool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The C compiler's tool ID exactly as go computes it for the {@code CC ID=} line of every cgo
 * package's action key ({@code cmd/go/internal/work/buildid.go}, {@code gccToolID}): go runs {@code
 * $CC[0] -### -x c -c -} with {@code LC_ALL=C} added to its environment and takes the first line,
 * before any field ending in {@code :}, that has the field {@code version} followed by a field
 * starting with a digit. A release compiler's ID is that line; a line containing {@code
 * experimental} means a development compiler, whose ID go derives from the compiler binary instead.
 * When no line qualifies go hashes an error text holding the whole output ({@code CC ID ERROR=}).
 *
 * @param command CC split as go splits it ({@code quoted.Split}); its first field is run
 * @param executable the program the first field resolves to on go's PATH, if found
 * @param versionLine the line go uses, if found
 * @param error why there is none: not found, failed, no version line
 * @param millis how long the call took
 */
public record CcToolId(
    List<String> command,
    Optional<Path> executable,
    Optional<String> versionLine,
    Optional<String> error,
    long millis) {

  /** Whether go would use a development compiler's binary hash rather than the line. */
  public boolean experimental() {
    return versionLine.map(l -> l.contains("experimental")).orElse(false);
  }

  /** Runs the compiler CC names as go would. */
  public static CcToolId probe(String cc, Map<String, String> env, Path workDir) {
    long start = System.nanoTime();
    List<String> command;
    try {
      command = QuotedFields.split(cc);
    } catch (IllegalArgumentException e) {
      return failed(List.of(cc), Optional.empty(), "CC " + e.getMessage(), start);
    }
    if (command.isEmpty()) {
      return failed(command, Optional.empty(), "CC is empty", start);
    }
    Optional<Path> exe = Executables.lookPath(command.getFirst(), env, workDir);
    if (exe.isEmpty()) {
      return failed(
          command, exe, command.getFirst() + ": executable file not found in $PATH", start);
    }
    List<String> argv = new ArrayList<>(List.of(exe.get().toString(), "-###", "-x", "c", "-c"));
    argv.add("-");
    ProcessBuilder pb = new ProcessBuilder(argv).directory(workDir.toFile());
    Map<String, String> e = new HashMap<>(env);
    e.put("LC_ALL", "C");
    pb.environment().clear();
    pb.environment().putAll(e);
    pb.redirectErrorStream(true);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      String out = readBounded(p.getInputStream());
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return failed(command, exe, command.getFirst() + " -### did not exit in 10 s", start);
      }
      if (p.exitValue() != 0) {
        return failed(
            command,
            exe,
            command.getFirst() + ": exit status " + p.exitValue() + "; output: " + out.strip(),
            start);
      }
      Optional<String> line = versionLine(out);
      if (line.isEmpty()) {
        return failed(
            command,
            exe,
            command.getFirst() + ": can not find version number in " + out.strip(),
            start);
      }
      return new CcToolId(command, exe, line, Optional.empty(), elapsed(start));
    } catch (IOException ex) {
      return failed(command, exe, command.getFirst() + ": " + ex.getMessage(), start);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return failed(command, exe, "interrupted", start);
    }
  }

  /** The line go takes as the version line of {@code -###} output. */
  public static Optional<String> versionLine(String out) {
    for (String line : out.split("\n", -1)) {
      String[] fields = line.strip().split("\\s+", -1);
      for (int i = 0; i < fields.length; i++) {
        String f = fields[i];
        if (f.endsWith(":")) {
          break;
        }
        if (f.equals("version") && i < fields.length - 1) {
          String next = fields[i + 1];
          if (!next.isEmpty() && next.charAt(0) >= '0' && next.charAt(0) <= '9') {
            return Optional.of(line);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String readBounded(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    for (int n; (n = in.read(buf)) > 0; ) {
      if (b.size() < 1 << 20) {
        b.write(buf, 0, Math.min(n, (1 << 20) - b.size()));
      }
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  private static CcToolId failed(
      List<String> command, Optional<Path> exe, String error, long start) {
    return new CcToolId(command, exe, Optional.empty(), Optional.of(error), elapsed(start));
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
