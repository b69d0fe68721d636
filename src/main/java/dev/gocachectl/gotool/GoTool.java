package dev.gocachectl.gotool;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The {@code go} command, found on the PATH of a given environment and run with that environment.
 *
 * <p>gocachectl asks go rather than re-deriving what go would do ({@code go env GOCACHE} reads the
 * environment, the {@code go env -w} file and the OS default); it never mocks it.
 */
public final class GoTool {
  private final Path go;
  private final Map<String, String> env;

  private GoTool(Path go, Map<String, String> env) {
    this.go = go;
    this.env = Map.copyOf(env);
  }

  /** The result of one go command. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** Whether the command exited 0. */
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Finds {@code go} on the environment's PATH (then in $GOROOT/bin). */
  public static Optional<GoTool> find(Map<String, String> env) {
    List<Path> candidates = new ArrayList<>();
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "go"));
      }
    }
    String goroot = env.get("GOROOT");
    if (goroot != null && !goroot.isEmpty()) {
      candidates.add(Path.of(goroot, "bin", "go"));
    }
    for (Path p : candidates) {
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(new GoTool(p, env));
      }
    }
    return Optional.empty();
  }

  /** The go program at {@code binary} (a running go command's, say), run with {@code env}. */
  public static GoTool at(Path binary, Map<String, String> env) {
    return new GoTool(binary, env);
  }

  /** Like {@link #find} but fails with a message that says what to do. */
  public static GoTool require(Map<String, String> env) throws IOException {
    return find(env)
        .orElseThrow(
            () ->
                new IOException(
                    "go: command not found on PATH; install Go 1.24 or newer, or put it on PATH"));
  }

  /** The go binary. */
  public Path binary() {
    return go;
  }

  /** The environment go runs with. */
  public Map<String, String> environment() {
    return env;
  }

  /** This tool with some variables set (or removed, when the value is null). */
  public GoTool withEnv(Map<String, String> changes) {
    Map<String, String> copy = new HashMap<>(env);
    changes.forEach(
        (k, v) -> {
          if (v == null) {
            copy.remove(k);
          } else {
            copy.put(k, v);
          }
        });
    return new GoTool(go, copy);
  }

  /** {@code go env NAME}: the value go would use, trimmed. */
  public String env(String name) throws IOException {
    Result r = run(null, List.of("env", name));
    if (!r.ok()) {
      throw new IOException("go env " + name + " failed: " + r.stderr().strip());
    }
    return r.stdout().strip();
  }

  /** Runs {@code go args...} in {@code dir} (or the current directory), capturing both streams. */
  public Result run(Path dir, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(go.toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
    String out = drain(p.getInputStream());
    try {
      int code = p.waitFor();
      return new Result(code, out, err.join());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running go " + String.join(" ", args), e);
    }
  }

  /**
   * Runs {@code go args...} in {@code dir}, handing each line of standard error to {@code stderr}
   * (on the calling thread, in order) and each line of standard output to {@code stdout} (on
   * another thread) as they arrive, so that a long log is never held in memory. Returns go's exit
   * code.
   */
  public int stream(Path dir, List<String> args, Consumer<String> stdout, LineConsumer stderr)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(go.toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<Void> out =
        CompletableFuture.runAsync(() -> eachLine(p.getInputStream(), stdout));
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8), 1 << 16)) {
      for (String line; (line = err.readLine()) != null; ) {
        stderr.accept(line);
      }
    } catch (IOException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
    try {
      int code = p.waitFor();
      out.join();
      return code;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running go " + String.join(" ", args), e);
    }
  }

  /** A consumer of lines that may fail with an I/O error (a malformed line, say). */
  @FunctionalInterface
  public interface LineConsumer {
    void accept(String line) throws IOException;
  }

  private static void eachLine(InputStream in, Consumer<String> sink) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        sink.accept(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
