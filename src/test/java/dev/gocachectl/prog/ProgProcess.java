package dev.gocachectl.prog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gocachectl prog} as a real child process with pipes, as go runs it: the test writes raw
 * protocol bytes and reads raw lines. The program runs from this build's classes with the same JVM
 * flags as the launcher (JVM messages routed to stderr).
 */
final class ProgProcess implements AutoCloseable {
  final Process process;
  final OutputStream in;
  final BufferedReader out;

  private ProgProcess(Process p) {
    this.process = p;
    this.in = p.getOutputStream();
    this.out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The java command that runs prog from this build's classes, for GOCACHEPROG too. */
  static List<String> command(String... extraJvmFlags) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xlog:disable");
    cmd.add("-Xlog:all=warning:stderr");
    cmd.add("-XX:+UseSerialGC");
    cmd.addAll(List.of(extraJvmFlags));
    cmd.add("-cp");
    cmd.add(Path.of("target", "classes").toAbsolutePath().toString());
    cmd.add(ProgMain.class.getName());
    return cmd;
  }

  /**
   * The java command that runs prog with this test run's whole classpath (the remote stores need
   * the AWS SDK and Jedis, which are not in target/classes).
   */
  static List<String> commandWithDependencies() {
    List<String> cmd = command();
    int cp = cmd.indexOf("-cp");
    cmd.set(cp + 1, System.getProperty("java.class.path"));
    return cmd;
  }

  /** GOCACHEPROG for a directory (go splits it on spaces; no path here has one). */
  static String gocacheprog(Path dir) {
    return String.join(" ", command()) + " --dir " + dir;
  }

  static ProgProcess start(Path dir, Path stderr, String... extraJvmFlags) throws IOException {
    List<String> cmd = command(extraJvmFlags);
    cmd.add("--dir");
    cmd.add(dir.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectError(stderr.toFile());
    return new ProgProcess(pb.start());
  }

  void send(String raw) throws IOException {
    in.write(raw.getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  String line() throws IOException {
    return out.readLine();
  }

  /** Closes stdin and waits for the exit code. */
  int finish() throws IOException, InterruptedException {
    in.close();
    return process.waitFor();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
