package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** prog's flags: what is refused before go sends its first request. */
class ProgArgsTest {
  @Test
  void aRemoteUrlIsCheckedBeforeGoStartsWithoutShowingItsPassword() throws Exception {
    assertThat(
            ProgArgs.parse(
                    new String[] {"--remote", "redis://127.0.0.1:6379"}, Map.of("HOME", "/h"), null)
                .remotes())
        .containsExactly("redis://127.0.0.1:6379");
    assertThatThrownBy(
            () ->
                ProgArgs.parse(new String[] {"--remote", "ftp://u:hunter2@host/x"}, Map.of(), null))
        .isInstanceOf(ProgArgs.UsageException.class)
        .hasMessageContaining("invalid remote URL 'ftp://u:***@host/x': unknown scheme ftp://")
        .hasMessageNotContaining("hunter2");

    ByteArrayOutputStream protocol = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ProgMain.run(
            new String[] {"--dir", "/nonexistent/never-made", "--remote", "redis://h:1?tll=7d"},
            new ByteArrayInputStream(new byte[0]),
            protocol,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of());
    assertThat(code).isEqualTo(2);
    assertThat(protocol.size()).isZero(); // no handshake: go reports the program failed to start
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "gocachectl prog: invalid remote URL 'redis://h:1?tll=7d': unknown parameter 'tll'")
        .contains("usage: gocachectl prog");
  }

  /**
   * Paths are the go command's: resolved against its working directory (which the daemon learns
   * from the bridge), never against the process that parses them.
   */
  @Test
  void relativePathsAreResolvedAgainstTheGoCommandsDirectory() throws Exception {
    java.nio.file.Path cwd = java.nio.file.Path.of("/work/mod");
    ProgArgs a =
        ProgArgs.parse(
            new String[] {
              "--dir",
              ".gocache",
              "--sign-key-file=keys/s",
              "--verify-key-file",
              "../v",
              "--remote",
              "redis://127.0.0.1:6379"
            },
            Map.of(),
            cwd);
    assertThat(a.dir()).isEqualTo(java.nio.file.Path.of("/work/mod/.gocache"));
    assertThat(a.signKeyFile()).isEqualTo(java.nio.file.Path.of("/work/mod/keys/s"));
    assertThat(a.verifyKeyFile()).isEqualTo(java.nio.file.Path.of("/work/v"));
    assertThat(ProgArgs.parse(new String[0], Map.of("HOME", "h"), cwd).dir())
        .isEqualTo(java.nio.file.Path.of("/work/mod/h/.cache/gocachectl/prog"));
    assertThatThrownBy(() -> ProgArgs.parse(new String[] {"--dir", "rel"}, Map.of(), null))
        .hasMessage(
            "--dir rel is relative and the go command's working directory is unknown; pass an"
                + " absolute path");
  }
}
