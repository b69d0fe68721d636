package dev.gocachectl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code promtool} (package prometheus) and {@code amtool} (prometheus-alertmanager), as
 * installed by {@code scripts/test-services.sh}: the checkers the serve tests hold the exposition,
 * the rules and the dashboards' queries to.
 */
public final class PrometheusTools {
  /** What a tool said. */
  public record Run(int exitCode, String output) {}

  private PrometheusTools() {}

  /** Runs {@code promtool args}, with {@code stdin} as its input (null: none). */
  public static Run promtool(String stdin, String... args) {
    return run("promtool", stdin, args);
  }

  public static Run amtool(String... args) {
    return run("amtool", null, args);
  }

  private static Run run(String tool, String stdin, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(RedisServer.executable(tool));
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(tool, ".out");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.redirectOutput(out.toFile());
      Process p = pb.start();
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(tool + " " + List.of(args) + " did not finish in 2 min");
      }
      String text = Files.readString(out);
      Files.delete(out);
      return new Run(p.exitValue(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
