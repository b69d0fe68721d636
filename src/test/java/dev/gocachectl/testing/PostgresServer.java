package dev.gocachectl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server (Debian's postgresql, installed by {@code scripts/test-services.sh}) in
 * a scratch cluster on a free loopback port: {@code initdb} with trust authentication for the
 * superuser {@code gocachectl}, TCP on 127.0.0.1 only (no Unix socket), {@code fsync} off (the
 * tests kill serve, never this server). PostgreSQL refuses to run as root, so when the tests run as
 * root the cluster belongs to the {@code postgres} user (made by the Debian package; {@code nobody}
 * otherwise) and initdb and the server run as that user through {@code setpriv}.
 */
public final class PostgresServer extends RunningServer {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private PostgresServer(ServerProcess process) {
    super(process);
  }

  public static PostgresServer start() {
    Path bin = binDir();
    Path dir = ServerProcess.workDir("postgres");
    Path data = dir.resolve("data");
    List<String> as = asUser(dir, data);
    List<String> initdb = new ArrayList<>(as);
    initdb.addAll(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            "gocachectl",
            "--auth=trust",
            "--no-locale",
            "-E",
            "UTF8",
            "--no-sync"));
    run(initdb, dir.resolve("initdb.log"));
    ServerProcess p =
        ServerProcess.start(
            "postgres",
            dir,
            port -> {
              List<String> cmd = new ArrayList<>(as);
              cmd.addAll(
                  List.of(
                      bin.resolve("postgres").toString(),
                      "-D",
                      data.toString(),
                      "-p",
                      String.valueOf(port),
                      "-c",
                      "listen_addresses=127.0.0.1",
                      "-c",
                      "unix_socket_directories=",
                      "-c",
                      "fsync=off",
                      "-c",
                      "max_connections=60",
                      "-c",
                      "shared_buffers=16MB"));
              return cmd;
            });
    PostgresServer s = new PostgresServer(p);
    // the port opens before the server takes connections ("the database system is starting up")
    ServerProcess.pollUntil(s::answers, "postgres on port " + p.port() + " to take connections");
    return s;
  }

  private boolean answers() {
    try (Connection c = DriverManager.getConnection(url("postgres"))) {
      return c.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  /** {@code jdbc:postgresql://127.0.0.1:PORT/DB?user=gocachectl}. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=gocachectl";
  }

  /** Creates a new, empty database; its URL. */
  public String newDatabase() {
    String name = "test_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("CREATE DATABASE " + name + ": " + e.getMessage(), e);
    }
    return url(name);
  }

  /** The directory of initdb and postgres: where pg_ctl on PATH really lives. */
  private static Path binDir() {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path ctl = Path.of(d, "pg_ctl");
      if (Files.isExecutable(ctl)) {
        try {
          return ctl.toRealPath().getParent();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.sorted().toList().getLast().resolve("bin");
    } catch (IOException | java.util.NoSuchElementException e) {
      throw new IllegalStateException(
          "PostgreSQL not found (no pg_ctl on PATH, nothing in /usr/lib/postgresql): run"
              + " scripts/test-services.sh",
          e);
    }
  }

  /**
   * The command prefix that runs a program as the cluster's owner: nothing when not root; otherwise
   * {@code setpriv} to {@code postgres} (or {@code nobody}), the data directory made theirs and
   * {@code dir} traversable.
   */
  private static List<String> asUser(Path dir, Path data) {
    try {
      Files.createDirectories(data);
      if (!"root".equals(System.getProperty("user.name"))) {
        return List.of();
      }
      String user = userExists("postgres") ? "postgres" : "nobody";
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
      Files.setOwner(data, users.lookupPrincipalByName(user));
      Files.getFileAttributeView(data, java.nio.file.attribute.PosixFileAttributeView.class)
          .setGroup(users.lookupPrincipalByGroupName(user.equals("nobody") ? "nogroup" : user));
      Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
      return List.of(
          "setpriv",
          "--reuid=" + user,
          "--regid=" + (user.equals("nobody") ? "nogroup" : user),
          "--clear-groups",
          "--");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean userExists(String name) {
    try {
      return Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8).stream()
          .anyMatch(l -> l.startsWith(name + ":"));
    } catch (IOException e) {
      return false;
    }
  }

  private static void run(List<String> cmd, Path log) {
    try {
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(cmd.getFirst() + " did not finish in 2 minutes");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", cmd) + " failed: " + Files.readString(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
