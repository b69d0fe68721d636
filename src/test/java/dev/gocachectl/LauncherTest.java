package dev.gocachectl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code gocachectl} launcher, run by sh on a copy of it in a temporary checkout: its build's
 * output, its staleness check and where it sends {@code prog --help}. The built state is made by
 * hand, with {@code /bin/echo} as the java it runs, so that what the launcher executes is printed
 * instead of started.
 */
class LauncherTest {
  @TempDir Path checkout;

  private Path target;

  /** What one run of the launcher printed and returned. */
  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void copyTheLauncher() throws IOException {
    Path launcher = checkout.resolve("gocachectl");
    Files.copy(Path.of("gocachectl"), launcher);
    Files.createDirectories(checkout.resolve("scripts"));
    for (String script : List.of("jdk.sh", "utf8-locale.sh")) {
      Files.copy(Path.of("scripts", script), checkout.resolve("scripts").resolve(script));
    }
    Files.createDirectories(checkout.resolve(".mvn"));
    Files.copy(Path.of(".mvn/jvm.config"), checkout.resolve(".mvn/jvm.config"));
    Files.createDirectories(checkout.resolve("src/main/java"));
    target = checkout.resolve("target");
  }

  private Run run(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder();
    pb.command().add("sh");
    pb.command().add(checkout.resolve("gocachectl").toString());
    pb.command().addAll(List.of(args));
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().put("HOME", System.getProperty("user.home"));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Path out = checkout.resolve("../launcher.out");
    Path err = checkout.resolve("../launcher.err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    int exit = pb.start().waitFor();
    return new Run(
        exit,
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** A built checkout: the jar, the launch settings (java = echo), a bridge, the stamp. */
  private void built() throws IOException {
    Files.createDirectories(target);
    Files.writeString(target.resolve("gocachectl.jar"), "jar");
    Files.writeString(
        target.resolve(".launch"),
        "JAVA=/bin/echo\nKEY=0123456789abcdef\nSOCKDIR=" + checkout + "\n");
    Path bridge =
        Files.writeString(target.resolve("gocachectl-bridge"), "#!/bin/sh\necho bridge\n");
    Files.setPosixFilePermissions(bridge, PosixFilePermissions.fromString("rwxr-xr-x"));
    Instant built = Instant.now().minusSeconds(3600);
    for (Path sources : List.of(checkout.resolve("src/main/java"), checkout.resolve("src/main"))) {
      Files.setLastModifiedTime(sources, FileTime.from(built.minusSeconds(60)));
    }
    Files.setLastModifiedTime(target.resolve("gocachectl.jar"), FileTime.from(built));
    Files.writeString(target.resolve(".built"), "");
    Files.setLastModifiedTime(target.resolve(".built"), FileTime.from(built.plusSeconds(1)));
  }

  /** A source edited after the build. */
  private void edited() throws IOException {
    Files.writeString(checkout.resolve("src/main/java/Edited.java"), "class Edited {}");
  }

  @Test
  @Tag("slow") // runs Maven: not in the quick run (./test.sh --quick)
  void aBuildOnFirstUsePrintsCleanLinesWithoutTerminalCodes() throws Exception {
    // a project whose package phase makes no jar: Maven runs for real, quickly, offline
    Files.writeString(
        checkout.resolve("pom.xml"),
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>test</groupId>
          <artifactId>empty</artifactId>
          <version>1</version>
          <packaging>pom</packaging>
        </project>
        """);
    Run r = run(Map.of(), "stats");
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .doesNotContain("\u001b")
        .isEqualTo(
            "gocachectl: building "
                + target.resolve("gocachectl.jar")
                + " ...\ngocachectl: the build made no "
                + target.resolve("gocachectl.jar")
                + "; run 'mvn -B package' in "
                + checkout
                + " to see why\n");
    assertThat(r.exit()).isEqualTo(2);
  }

  @Test
  void aCheckoutUsedAsAnInstallDoesNotLookAtItsSources() throws Exception {
    built();
    edited();
    Run r = run(Map.of("GOCACHECTL_REBUILD", "never"), "stats", "--json");
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains(" dev.gocachectl.cli.Main stats --json\n");
    assertThat(r.exit()).isZero();
  }

  @Test
  @Tag("slow") // runs Maven: not in the quick run (./test.sh --quick)
  void aCheckoutBeingWorkedOnRebuildsAfterAnEdit() throws Exception {
    built();
    Run fresh = run(Map.of(), "stats");
    assertThat(fresh.err()).isEmpty();
    assertThat(fresh.out()).contains(" dev.gocachectl.cli.Main stats\n");

    edited();
    Run r = run(Map.of(), "stats"); // no pom.xml here: the build starts, then fails
    assertThat(r.err()).startsWith("gocachectl: building " + target.resolve("gocachectl.jar"));
    assertThat(r.exit()).isEqualTo(2);
  }

  /**
   * An unpacked release archive (lib/.launch, no pom.xml): the launch settings name paths under the
   * directory it was unpacked into ($HERE), nothing is built whatever the sources' times, and
   * target/ is never looked at.
   */
  @Test
  void anUnpackedReleaseArchiveRunsFromLibAndNeverBuilds() throws Exception {
    Path lib = Files.createDirectories(checkout.resolve("lib"));
    Files.writeString(lib.resolve("gocachectl.jar"), "jar");
    Path java = Files.writeString(checkout.resolve("java.sh"), "#!/bin/sh\necho \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        lib.resolve(".launch"),
        "JAVA=\"$HERE/java.sh\"\nKEY=0123456789abcdef\nCLI_AOT=\"$HERE/lib/aot/cli.aot\"\n");
    edited();
    Run r = run(Map.of("JAVA_HOME", "/nonexistent"), "stats");
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("-XX:AOTCache=" + checkout + "/lib/aot/cli.aot")
        .contains("-cp " + checkout + "/lib/gocachectl.jar dev.gocachectl.cli.Main stats\n");
    assertThat(target).doesNotExist();
    assertThat(r.exit()).isZero();
  }

  @Test
  void anUnknownRebuildModeIsRefused() throws Exception {
    built();
    Run r = run(Map.of("GOCACHECTL_REBUILD", "sometimes"), "stats");
    assertThat(r.err())
        .startsWith("gocachectl: GOCACHECTL_REBUILD=sometimes: expected auto")
        .contains("never (a checkout used as an install)");
    assertThat(r.exit()).isEqualTo(2);
  }

  @Test
  void progHelpIsAnsweredByTheProgramNotThroughTheDaemon() throws Exception {
    built();
    Run help = run(Map.of(), "prog", "--help");
    assertThat(help.out()).contains(" dev.gocachectl.prog.ProgMain --help\n");
  }

  /**
   * The bridge is given a socket name, not a path fixed at build time (it finds the directory of
   * the user running it), and the daemon as an argument list, no shell string; the daemon runs with
   * umask 077 (each session applies its go command's own).
   */
  @Test
  void progGivesTheBridgeASocketNameAndTheDaemonAsArguments() throws Exception {
    built();
    Path bridge =
        Files.writeString(
            target.resolve("gocachectl-bridge"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(bridge, PosixFilePermissions.fromString("rwxr-xr-x"));
    Run prog = run(Map.of(), "prog", "--dir", "d");
    assertThat(prog.out().lines().limit(7))
        .containsExactly(
            "-socket-name",
            "gocachectl-0123456789abcdef.sock",
            "-daemon",
            checkout.resolve("gocachectl").toString(),
            "-daemon",
            "prog-daemon",
            "--");
    Path java = Files.writeString(checkout.resolve("java.sh"), "#!/bin/sh\numask\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(target.resolve(".launch"), "JAVA=" + java + "\nKEY=0123456789abcdef\n");
    Files.setLastModifiedTime(
        target.resolve(".launch"), Files.getLastModifiedTime(target.resolve("gocachectl.jar")));
    assertThat(run(Map.of(), "prog-daemon", "--socket", "s").out()).isEqualTo("0077\n");
  }
}
