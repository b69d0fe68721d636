package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest's bytes, the build key, and the --prefetch flag. */
class BuildManifestTest {
  static ActionId id(int i) {
    return new ActionId(Hash.sha256(("action " + i).getBytes(StandardCharsets.UTF_8)));
  }

  static List<ActionId> ids(int n) {
    List<ActionId> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(id(i));
    }
    return l;
  }

  static final BuildFingerprint FP =
      new BuildFingerprint(
          Map.of("GOVERSION", "go1.26.1", "GOROOT", "/usr/local/go", "CC ID", "gcc version 12\\n"));

  @Test
  void encodesAHeaderTheRunnerTheFingerprintAndRawIdsAndReadsThemBackInOrder() {
    byte[] b = new BuildManifest(ids(3), "ci 7", FP).encode();
    String text =
        "gocachectl-manifest 2 3\nrunner ci_7\nGOVERSION=go1.26.1\nGOROOT=/usr/local/go\n"
            + "CC ID=gcc version 12\\\\n\n\n";
    assertThat(new String(b, 0, text.length(), StandardCharsets.UTF_8)).isEqualTo(text);
    assertThat(b).hasSize(text.length() + 3 * 32);
    assertThat(Arrays.copyOfRange(b, text.length(), text.length() + 32))
        .isEqualTo(id(0).hash().toByteArray());
    BuildManifest back = BuildManifest.parse(b);
    assertThat(back.actions()).containsExactlyElementsOf(ids(3));
    assertThat(back.runner()).isEqualTo("ci_7");
    assertThat(back.fingerprint()).isEqualTo(FP);
    assertThat(back.fingerprint().get("CC ID")).isEqualTo("gcc version 12\\n");
    BuildManifest empty = BuildManifest.parse(new BuildManifest(List.of()).encode());
    assertThat(empty.actions()).isEmpty();
    assertThat(empty.fingerprint()).isEqualTo(BuildFingerprint.EMPTY);
  }

  @Test
  void readsVersion1ManifestsAsAnUnknownRunnersActions() {
    byte[] head = "gocachectl-manifest 1 2\n".getBytes(StandardCharsets.US_ASCII);
    byte[] b = Arrays.copyOf(head, head.length + 64);
    System.arraycopy(id(0).hash().toByteArray(), 0, b, head.length, 32);
    System.arraycopy(id(1).hash().toByteArray(), 0, b, head.length + 32, 32);
    BuildManifest m = BuildManifest.parse(b);
    assertThat(m.actions()).containsExactlyElementsOf(ids(2));
    assertThat(m.runner()).isEmpty();
  }

  @Test
  void refusesWhatIsNotAManifestSayingWhatIsWrong() {
    byte[] good = new BuildManifest(ids(2), "a", FP).encode();
    assertThatThrownBy(() -> BuildManifest.parse("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not a build manifest");
    assertThatThrownBy(() -> BuildManifest.parse(Arrays.copyOf(good, good.length - 1)))
        .hasMessageContaining("expected " + good.length + " for 2");
    assertThatThrownBy(() -> BuildManifest.parse(Arrays.copyOf(good, good.length + 32)))
        .hasMessageContaining("expected " + good.length);
    assertThatThrownBy(
            () -> BuildManifest.parse("gocachectl-manifest 2 x\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("bad count");
    assertThatThrownBy(
            () ->
                BuildManifest.parse(
                    "gocachectl-manifest 2 999999\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("out of range");
    assertThatThrownBy(
            () ->
                BuildManifest.parse(
                    "gocachectl-manifest 2 0\nrunner a\nno equals sign\n\n"
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("without NAME=");
    byte[] endless = new byte[BuildFingerprint.MAX_BYTES * 2];
    Arrays.fill(endless, (byte) 'x');
    byte[] head = "gocachectl-manifest 2 0\nrunner a\n".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, endless, 0, head.length);
    assertThatThrownBy(() -> BuildManifest.parse(endless)).hasMessageContaining("no empty line");
    assertThatThrownBy(() -> new BuildManifest(ids(BuildManifest.MAX_ACTIONS + 1)))
        .hasMessageContaining("more than a manifest holds");
  }

  @Test
  void theLongestManifestFitsItsBoundAndAStoreLimitCutsTheCount() {
    assertThat((long) new BuildManifest(ids(BuildManifest.MAX_ACTIONS), "r", FP).encode().length)
        .isLessThanOrEqualTo(BuildManifest.MAX_BYTES);
    // Redis's default object limit, 1 MiB
    BuildManifest m = new BuildManifest(List.of(), "runner-1", FP);
    int fits = m.fitting(1L << 20);
    assertThat(fits).isBetween(32_700, 32_767);
    assertThat(m.withActions(ids(fits)).encode().length).isLessThanOrEqualTo(1 << 20);
    assertThat(m.fitting(Long.MAX_VALUE)).isEqualTo(BuildManifest.MAX_ACTIONS);
    assertThat(m.fitting(10)).isZero();
  }

  static BuildKey.Command command(Path dir, List<String> args, Map<String, String> env) {
    return new BuildKey.Command(args, dir, env, null);
  }

  @Test
  void theKeyFollowsTheModuleTheRelativeDirectoryTheArgumentsAndTheTarget(@TempDir Path tmp)
      throws Exception {
    Path a = Files.createDirectories(tmp.resolve("ws-a/src/app/cmd"));
    Path b = Files.createDirectories(tmp.resolve("other/checkout/app/cmd"));
    Files.writeString(a.getParent().resolve("go.mod"), "// app\nmodule example.com/app // x\n");
    Files.writeString(b.getParent().resolve("go.mod"), "module \"example.com/app\"\n\ngo 1.24\n");
    List<String> cmd = List.of("/usr/local/go/bin/go", "build", "./...");
    ActionId k = BuildKey.of(command(a, cmd, Map.of("GOOS", "linux", "GOCACHEPROG", "p /a")));
    assertThat(BuildKey.of(command(b, List.of("go", "build", "./..."), Map.of("GOOS", "linux"))))
        .as("another checkout path, another path to go, cache paths: the same build")
        .isEqualTo(k);
    assertThat(
            BuildKey.of(
                command(
                    a,
                    cmd,
                    Map.of("GOOS", "linux", "GOFLAGS", "-trimpath", "CC", "clang", "PATH", "/x"))))
        .as("what differs between runners building the same thing is the fingerprint's")
        .isEqualTo(k);
    assertThat(BuildKey.of(command(a, cmd, Map.of("GOOS", "windows")))).isNotEqualTo(k);
    assertThat(BuildKey.of(command(a.getParent(), cmd, Map.of("GOOS", "linux"))))
        .as("another directory of the module")
        .isNotEqualTo(k);
    assertThat(BuildKey.of(command(a, List.of("go", "test", "./..."), Map.of("GOOS", "linux"))))
        .isNotEqualTo(k);
    Files.writeString(b.getParent().resolve("go.mod"), "module example.com/other\n");
    assertThat(BuildKey.of(command(b, cmd, Map.of("GOOS", "linux")))).isNotEqualTo(k);
    assertThat(BuildKey.of(ProcessHandle.current().pid())).isNotNull();
    assertThat(BuildKey.of(-1)).isNull();
    assertThat(BuildKey.forRunner(k, "a")).isNotEqualTo(BuildKey.forRunner(k, "b")).isNotEqualTo(k);
  }

  @Test
  void theKeyKeepsEmptyArguments(@TempDir Path tmp) {
    ActionId with = BuildKey.of(command(tmp, List.of("go", "build", "-ldflags", ""), Map.of()));
    ActionId without = BuildKey.of(command(tmp, List.of("go", "build", "-ldflags"), Map.of()));
    assertThat(with).isNotEqualTo(without);
  }

  @Test
  void thePrefetchFlagTakesACountFrom0To256() throws Exception {
    assertThat(ProgArgs.parse(new String[] {"--dir", "/x"}, Map.of(), null).prefetch())
        .isEqualTo(ProgArgs.DEFAULT_PREFETCH);
    assertThat(ProgArgs.parse(new String[] {"--prefetch=0"}, Map.of("HOME", "/h"), null).prefetch())
        .isZero();
    assertThatThrownBy(() -> ProgArgs.parse(new String[] {"--prefetch", "many"}, Map.of(), null))
        .hasMessage("--prefetch: invalid count 'many' (expected 0 to 256)");
    assertThatThrownBy(() -> ProgArgs.parse(new String[] {"--prefetch", "-1"}, Map.of(), null))
        .hasMessageContaining("expected 0 to 256");
  }
}
