package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BridgeHelloTest {
  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static InputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsArgumentsAndEnvironmentAndNothingAfterTheLine() throws IOException {
    InputStream in =
        in(
            "GOCACHECTL-BRIDGE 4 42 "
                + b64("/home/u/mod")
                + " 0027 "
                + b64("--dir")
                + ","
                + b64("/a b")
                + " "
                + b64("AWS_SECRET_ACCESS_KEY=x=y")
                + " "
                + String.join(",", b64("43"), b64("pipe:[100]"), b64("pipe:[101]"))
                + "\n{\"ID\":1}");
    BridgeHello h = BridgeHello.read(in);
    assertThat(h.goPid()).isEqualTo(42);
    assertThat(h.cwd()).isEqualTo(java.nio.file.Path.of("/home/u/mod"));
    assertThat(h.umask()).isEqualTo(027);
    assertThat(h.args()).containsExactly("--dir", "/a b");
    assertThat(h.env()).containsExactlyEntriesOf(java.util.Map.of("AWS_SECRET_ACCESS_KEY", "x=y"));
    assertThat(h.pipes()).isEqualTo(new BridgeHello.Pipes(43, "pipe:[100]", "pipe:[101]"));
    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"ID\":1}");
  }

  @Test
  void emptyListsAreADash() throws IOException {
    BridgeHello h = BridgeHello.read(in("GOCACHECTL-BRIDGE 4 7 - - - - -\n"));
    assertThat(h.cwd()).isNull();
    assertThat(h.umask()).isEqualTo(-1);
    assertThat(h.args()).isEmpty();
    assertThat(h.env()).isEmpty();
    assertThat(h.pipes()).isNull();
  }

  @Test
  void anOlderBridgeIsNamed() {
    assertThatThrownBy(() -> BridgeHello.read(in("GOCACHECTL-BRIDGE 1 7 " + b64("x") + "\n")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("a bridge of another version");
    assertThatThrownBy(() -> BridgeHello.read(in("GOCACHECTL-BRIDGE 3 7 - - -\n")))
        .hasMessageContaining("a bridge of another version");
    assertThatThrownBy(() -> BridgeHello.read(in("GOCACHECTL-BRIDGE 4 7 - -\n")))
        .hasMessageContaining("expected <ppid> <cwd> <umask> <args> <env> <pipes>");
    assertThatThrownBy(
            () -> BridgeHello.read(in("GOCACHECTL-BRIDGE 4 7 - - - - " + b64("7") + "\n")))
        .hasMessageContaining("expected <pid>,<stdin>,<stdout>");
    assertThatThrownBy(
            () -> BridgeHello.read(in("GOCACHECTL-BRIDGE 4 7 " + b64("rel") + " - - - -\n")))
        .hasMessageContaining("<cwd> is not one absolute path");
    assertThatThrownBy(() -> BridgeHello.read(in("GOCACHECTL-BRIDGE 4 7 - 0999 - - -\n")))
        .hasMessageContaining("bad umask");
  }

  @Test
  void theErrorLineIsOneLine() {
    assertThat(BridgeHello.errorLine("bad\nflag")).isEqualTo("GOCACHECTL-DAEMON-ERROR bad flag\n");
  }
}
