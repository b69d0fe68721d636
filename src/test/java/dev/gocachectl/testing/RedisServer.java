package dev.gocachectl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server (Debian's, installed by {@code scripts/test-services.sh}) on a free loopback
 * port, without persistence ({@code --save '' --appendonly no}), optionally with a password; and
 * {@code redis-cli} against it, to look at keys independently of the client under test.
 */
public final class RedisServer extends RunningServer {
  private final String password;

  private RedisServer(ServerProcess process, String password) {
    super(process);
    this.password = password;
  }

  /** Starts a server without a password. */
  public static RedisServer start() {
    return start(null);
  }

  /** Starts a server that requires {@code password} ({@code requirepass}); none if null. */
  public static RedisServer start(String password) {
    Path dir = ServerProcess.workDir("redis");
    ServerProcess p =
        ServerProcess.start(
            "redis-server",
            dir,
            port -> {
              List<String> cmd = new ArrayList<>(baseCommand(dir, port));
              if (password != null) {
                cmd.addAll(List.of("--requirepass", password));
              }
              return cmd;
            });
    return new RedisServer(p, password);
  }

  /** The command of a server on {@code port} with its files in {@code dir}. */
  static List<String> baseCommand(Path dir, int port) {
    return List.of(
        executable("redis-server"),
        "--port",
        String.valueOf(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir.toString(),
        "--dbfilename",
        "dump-" + port + ".rdb");
  }

  /** {@code redis://127.0.0.1:PORT}, without the password. */
  public String url() {
    return "redis://127.0.0.1:" + process.port();
  }

  /** Runs {@code redis-cli} with {@code args} against this server; its output, trimmed. */
  public String cli(String... args) {
    return cli(process.port(), password, args);
  }

  static String cli(int port, String password, String... args) {
    List<String> cmd =
        new ArrayList<>(List.of(executable("redis-cli"), "-h", "127.0.0.1", "-p", "" + port));
    if (password != null) {
      cmd.addAll(List.of("--no-auth-warning", "-a", password));
    }
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("redis-cli " + List.of(args) + " failed: " + out);
      }
      return out.strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A program on PATH; failing, says that scripts/test-services.sh installs it. */
  public static String executable(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":", -1)) {
      if (java.nio.file.Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name).toString();
      }
    }
    throw new IllegalStateException(
        name
            + " not found on PATH; run scripts/test-services.sh (./test.sh does), which"
            + " installs it (Debian's redis-server, redis-tools, prometheus and"
            + " prometheus-alertmanager, chromium and chromium-driver)");
  }
}
