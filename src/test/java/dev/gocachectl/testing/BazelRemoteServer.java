package dev.gocachectl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A real bazel-remote (v2.6.1, built by {@code scripts/test-services.sh}) on a free port, HTTP
 * only, default AC validation on, a fresh cache directory, optionally with basic auth (an htpasswd
 * file with a {@code {SHA}} entry).
 *
 * <p>The binary is {@code $GOCACHECTL_TEST_SERVICES/bazel-remote-v2.6.1/bazel-remote} (default
 * {@code ~/.cache/gocachectl/test-services}), or the {@code gocachectl.test.bazel-remote} system
 * property.
 */
public final class BazelRemoteServer extends RunningServer {
  public static final String VERSION = "v2.6.1";

  private final Path dir;

  private BazelRemoteServer(ServerProcess process, Path dir) {
    super(process);
    this.dir = dir;
  }

  /** Starts a server without authentication. */
  public static BazelRemoteServer start() {
    return start(null, null);
  }

  /** Starts a server that requires {@code user}/{@code password} (no auth if user is null). */
  public static BazelRemoteServer start(String user, String password) {
    Path binary = binary();
    Path dir = ServerProcess.workDir("bazel-remote");
    List<String> auth = new ArrayList<>();
    if (user != null) {
      Path htpasswd = dir.resolve("htpasswd");
      write(htpasswd, user + ":{SHA}" + sha1Base64(password) + "\n");
      auth = List.of("--htpasswd_file", htpasswd.toString());
    }
    List<String> flags = auth;
    ServerProcess p =
        ServerProcess.start(
            "bazel-remote",
            dir,
            port -> {
              List<String> cmd = new ArrayList<>(List.of(binary.toString()));
              cmd.addAll(
                  List.of(
                      "--dir", dir.resolve("cache").toString(),
                      "--max_size", "1",
                      "--http_address", "127.0.0.1:" + port,
                      "--grpc_address", "none",
                      "--access_log_level", "none"));
              cmd.addAll(flags);
              return cmd;
            });
    return new BazelRemoteServer(p, dir);
  }

  /** The URL for {@code RemoteStores.open}, without credentials. */
  public String url() {
    return "http://127.0.0.1:" + process.port();
  }

  /** The cache directory (its {@code ac.v2}, {@code cas.v2} trees). */
  public Path cacheDir() {
    return dir.resolve("cache");
  }

  static Path binary() {
    String prop = System.getProperty("gocachectl.test.bazel-remote");
    Path p =
        prop != null
            ? Path.of(prop)
            : TestServices.dir().resolve("bazel-remote-" + VERSION).resolve("bazel-remote");
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(
          "bazel-remote not found at " + p + "; run scripts/test-services.sh (./test.sh does)");
    }
    return p;
  }

  private static String sha1Base64(String password) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
