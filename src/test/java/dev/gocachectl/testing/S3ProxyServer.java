package dev.gocachectl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real S3-compatible server: s3proxy 4.1.0's jar-with-dependencies (copied into {@code
 * target/test-services/s3proxy.jar} by Maven; the {@code gocachectl.test.s3proxy.jar} system
 * property names it) run as a separate java process (on the test classpath it clashes with the
 * application's), SigV4 authentication, jclouds' filesystem store: a bucket is a directory of
 * {@link #dataDir()}, an object a file at its key. Listens in about 1.3 s.
 */
public final class S3ProxyServer extends RunningServer {
  /** The credentials s3proxy accepts; tests give them to the SDK through the store's env. */
  public static final String ACCESS_KEY = "gocachectl-test";

  public static final String SECRET_KEY = "gocachectl-test-secret";

  private final Path data;

  private S3ProxyServer(ServerProcess process, Path data) {
    super(process);
    this.data = data;
  }

  /** Starts s3proxy on a free port with an empty filesystem store. */
  public static S3ProxyServer start() {
    Path jar = jar();
    Path dir = ServerProcess.workDir("s3proxy");
    Path data = dir.resolve("data");
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ServerProcess p =
        ServerProcess.start(
            "s3proxy",
            dir,
            port -> {
              Path conf = dir.resolve("s3proxy-" + port + ".conf");
              write(conf, config(port, data));
              return List.of(
                  java,
                  "-Xmx256m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-jar",
                  jar.toString(),
                  "--properties",
                  conf.toString());
            });
    return new S3ProxyServer(p, data);
  }

  /** Creates a bucket (a directory of the filesystem store). */
  public void createBucket(String bucket) {
    try {
      Files.createDirectories(data.resolve(bucket));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:PORT}, the endpoint. */
  public String endpoint() {
    return "http://127.0.0.1:" + process.port();
  }

  /** An {@code s3://} URL for {@code bucket} and {@code prefix} (may be empty), path-style. */
  public String url(String bucket, String prefix) {
    return "s3://"
        + bucket
        + (prefix.isEmpty() ? "" : "/" + prefix)
        + "?endpoint="
        + endpoint()
        + "&region=us-east-1&path-style=true";
  }

  /** The environment that gives the SDK this server's credentials. */
  public Map<String, String> env() {
    return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
  }

  /** The filesystem store: {@code dataDir()/BUCKET/KEY}. */
  public Path dataDir() {
    return data;
  }

  private static String config(int port, Path data) {
    return String.join(
        "\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + data,
        "jclouds.identity=unused",
        "jclouds.credential=unused",
        "");
  }

  static Path jar() {
    String prop = System.getProperty("gocachectl.test.s3proxy.jar");
    Path jar = Path.of(prop != null ? prop : "target/test-services/s3proxy.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "s3proxy jar not found at "
              + jar
              + "; Maven copies it in the process-test-resources phase (mvn test does)");
    }
    return jar;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
