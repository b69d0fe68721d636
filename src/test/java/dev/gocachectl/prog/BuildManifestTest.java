package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

  @Test
  void encodesAHeaderAndRawIdsAndReadsThemBackInOrder() {
    byte[] b = new BuildManifest(ids(3)).encode();
    String head = "gocachectl-manifest 1 3\n";
    assertThat(new String(b, 0, head.length(), StandardCharsets.US_ASCII)).isEqualTo(head);
    assertThat(b).hasSize(head.length() + 3 * 32);
    assertThat(Arrays.copyOfRange(b, head.length(), head.length() + 32))
        .isEqualTo(id(0).hash().toByteArray());
    assertThat(BuildManifest.parse(b).actions()).containsExactlyElementsOf(ids(3));
    assertThat(BuildManifest.parse(new BuildManifest(List.of()).encode()).actions()).isEmpty();
  }

  @Test
  void refusesWhatIsNotAManifestSayingWhatIsWrong() {
    byte[] good = new BuildManifest(ids(2)).encode();
    assertThatThrownBy(() -> BuildManifest.parse("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not a build manifest");
    assertThatThrownBy(() -> BuildManifest.parse(Arrays.copyOf(good, good.length - 1)))
        .hasMessageContaining("expected " + good.length + " for 2");
    assertThatThrownBy(() -> BuildManifest.parse(Arrays.copyOf(good, good.length + 32)))
        .hasMessageContaining("expected " + good.length);
    assertThatThrownBy(
            () -> BuildManifest.parse("gocachectl-manifest 1 x\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("bad count");
    assertThatThrownBy(
            () ->
                BuildManifest.parse(
                    "gocachectl-manifest 1 999999\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> new BuildManifest(ids(BuildManifest.MAX_ACTIONS + 1)))
        .hasMessageContaining("more than a manifest holds");
  }

  static byte[] nul(String... parts) {
    return (String.join("\0", parts) + "\0").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theLongestManifestFitsItsBoundAndAStoreLimitCutsTheCount() {
    assertThat((long) new BuildManifest(ids(BuildManifest.MAX_ACTIONS)).encode().length)
        .isLessThanOrEqualTo(BuildManifest.MAX_BYTES);
    // Redis's default object limit, 1 MiB
    int fits = BuildManifest.fitting(1L << 20);
    assertThat(fits).isEqualTo(32_767);
    assertThat(new BuildManifest(ids(fits)).encode().length).isLessThanOrEqualTo(1 << 20);
    assertThat(BuildManifest.fitting(Long.MAX_VALUE)).isEqualTo(BuildManifest.MAX_ACTIONS);
    assertThat(BuildManifest.fitting(10)).isZero();
  }

  @Test
  void theKeyFollowsTheCommandTheDirectoryAndTheTargetButNotTheCachePaths() {
    byte[] cmd = nul("go", "build", "./...");
    ActionId k = BuildKey.of(cmd, "/src/app", nul("GOOS=linux", "GOCACHEPROG=prog --dir /a"));
    assertThat(BuildKey.of(cmd, "/src/app", nul("GOCACHEPROG=prog --dir /b", "GOOS=linux")))
        .as("cache paths and variable order do not matter")
        .isEqualTo(k);
    assertThat(BuildKey.of(cmd, "/src/app", nul("GOOS=linux", "HOME=/home/x", "PATH=/bin")))
        .isEqualTo(k);
    assertThat(BuildKey.of(cmd, "/src/app", nul("GOOS=windows"))).isNotEqualTo(k);
    assertThat(BuildKey.of(cmd, "/src/other", nul("GOOS=linux"))).isNotEqualTo(k);
    assertThat(BuildKey.of(nul("go", "test", "./..."), "/src/app", nul("GOOS=linux")))
        .isNotEqualTo(k);
    assertThat(BuildKey.of(ProcessHandle.current().pid())).isNotNull();
    assertThat(BuildKey.of(-1)).isNull();
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
