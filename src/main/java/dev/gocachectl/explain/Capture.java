package dev.gocachectl.explain;

import dev.gocachectl.gotool.GoTool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one go command with {@code GODEBUG=gocachehash=1,gocachetest=1} and parses its standard
 * error into a {@link Manifest} as it streams.
 *
 * <p>What the capture changes, and what it does not: GODEBUG enters no build, link or vet key, so
 * those action IDs are the ones a plain run computes. It does enter every test-result key (Go
 * 1.23+: {@code env GODEBUG} is the first test input), so test results cached by runs without it
 * are not reused while capturing: the tests run again once, and the manifest says so. {@code go
 * test} and {@code go vet} compile some packages twice under the same hash name, so they get {@code
 * -p=1} (unless {@code -p} is given), which keeps their hashes from interleaving; other commands
 * keep their parallelism.
 */
public final class Capture {
  /** The GODEBUG settings a capture adds. */
  public static final String DEBUG = "gocachehash=1,gocachetest=1";

  /** The manifest, go's exit code, and the last lines of go's own output (for error messages). */
  public record Result(Manifest manifest, int exitCode, List<String> tail) {}

  private Capture() {}

  /**
   * Runs {@code go args...} in {@code dir}; go's other output goes to {@code passThrough}.
   *
   * @throws IOException if go cannot start or its log is malformed
   */
  public static Result run(GoTool go, Path dir, List<String> args, Consumer<String> passThrough)
      throws IOException {
    List<String> argv = serialized(args);
    String godebug = go.environment().getOrDefault("GODEBUG", "");
    GoTool tool = go.withEnv(Map.of("GODEBUG", godebug.isEmpty() ? DEBUG : godebug + "," + DEBUG));
    HashLogParser parser = new HashLogParser("go " + String.join(" ", argv));
    Deque<String> tail = new ArrayDeque<>();
    Consumer<String> other =
        line -> {
          synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > 20) {
              tail.removeFirst();
            }
          }
          passThrough.accept(line);
        };
    int code =
        tool.stream(
            dir,
            argv,
            other,
            line -> {
              if (!parser.accept(line)) {
                other.accept(line);
              }
            });
    Path where = dir != null ? dir : Path.of("").toAbsolutePath();
    Manifest parsed = parser.finish(argv, where.toString());
    List<String> notes = new ArrayList<>(parsed.notes());
    if (!argv.isEmpty() && argv.getFirst().equals("test")) {
      notes.add(
          "the capture sets GODEBUG="
              + DEBUG
              + ", which is a test-result input since Go 1.23: a result cached by a go test"
              + " without it is not reused while capturing (nor the reverse), so the capture may"
              + " re-run tests a plain go test would take from the cache; build, link and vet keys"
              + " do not include GODEBUG");
    }
    Manifest m = new Manifest(parsed.salt(), argv, parsed.dir(), notes, parsed.actions());
    synchronized (tail) {
      return new Result(m, code, List.copyOf(tail));
    }
  }

  /** {@code go test} and {@code go vet} run with {@code -p=1} unless {@code -p} is given. */
  static List<String> serialized(List<String> args) {
    if (args.isEmpty() || !(args.getFirst().equals("test") || args.getFirst().equals("vet"))) {
      return List.copyOf(args);
    }
    for (String a : args) {
      if (a.equals("-p") || a.startsWith("-p=")) {
        return List.copyOf(args);
      }
    }
    List<String> out = new ArrayList<>(args);
    out.add(1, "-p=1");
    return out;
  }
}
