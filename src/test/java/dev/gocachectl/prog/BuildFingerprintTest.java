package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.explain.Category;
import dev.gocachectl.testing.FixtureModule;
import dev.gocachectl.testing.GoEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint: its fields from the real go, what differs, redaction, no secrets. */
class BuildFingerprintTest {
  @TempDir Path tmp;

  @Test
  void theRealGoGivesEveryFieldAndNothingElseOfTheEnvironment() throws Exception {
    Path module = FixtureModule.write(tmp.resolve("mod")).dir();
    Map<String, String> env =
        new HashMap<>(GoEnv.isolated(tmp.resolve("home"), tmp.resolve("cache")).environment());
    env.put("AWS_SECRET_ACCESS_KEY", "s3cr3t-value");
    env.put("GOFLAGS", "-buildvcs=false");
    env.put("CGO_ENABLED", "1");
    Path go = Path.of(dev.gocachectl.gotool.GoTool.require(env).binary().toString());
    BuildKey.Command c =
        new BuildKey.Command(
            List.of("go", "build", "-trimpath", "./plain"), module.resolve("plain"), env, go);
    BuildFingerprint f =
        FingerprintProbe.start(
                c,
                dev.gocachectl.cache.CacheDir.create(
                    Files.createDirectories(tmp.resolve("local")),
                    dev.gocachectl.cache.FileModes.PROCESS))
            .get();
    assertThat(f.get("GOVERSION")).startsWith("go1.");
    assertThat(f.get("GOROOT")).isNotEmpty();
    assertThat(f.get("compile")).startsWith("compile version go1.");
    assertThat(f.get("link")).startsWith("link version go1.");
    assertThat(f.get("level")).startsWith("GOAMD64=v");
    assertThat(f.get("CC ID")).contains("version");
    assertThat(f.get("CGO_CFLAGS")).isEqualTo("-O2 -g");
    assertThat(f.get("module root")).isEqualTo(module.toString());
    assertThat(f.get("trimpath")).isEqualTo("true");
    assertThat(f.get("buildvcs")).isEqualTo("false");
    assertThat(new String(f.encode(), java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("s3cr3t");
    assertThat(f.fields().keySet()).isSubsetOf(BuildFingerprint.FIELDS);
    // remembered per environment: in the local tier, for the next prog process
    assertThat(Files.list(tmp.resolve("local/gocachectl/fingerprints")).count()).isEqualTo(1);
  }

  @Test
  void differencesNameTheFieldBothValuesTheCategoryAndWhatToDo() {
    BuildFingerprint a =
        new BuildFingerprint(
            Map.of(
                "GOROOT",
                "/usr/local/go",
                "GOFLAGS",
                "",
                "module root",
                "/a",
                "trimpath",
                "false"));
    BuildFingerprint b =
        new BuildFingerprint(
            Map.of("GOROOT", "/opt/go", "GOFLAGS", "", "module root", "/b", "trimpath", "false"));
    List<BuildFingerprint.Difference> d = a.differences(b);
    assertThat(d)
        .extracting(BuildFingerprint.Difference::field)
        .containsExactly("GOROOT", "module root");
    assertThat(d.getFirst().category()).isEqualTo(Category.TOOLCHAIN);
    assertThat(d.getFirst().line())
        .startsWith("GOROOT /usr/local/go vs /opt/go: ")
        .contains("install Go at one path on every runner");
    assertThat(d.get(1).category()).isEqualTo(Category.PATH);
    // with -trimpath on both sides the module's place does not enter keys
    BuildFingerprint at = a.with(Map.of("trimpath", "true"));
    BuildFingerprint bt = b.with(Map.of("trimpath", "true"));
    assertThat(at.differences(bt))
        .extracting(BuildFingerprint.Difference::field)
        .containsExactly("GOROOT");
    assertThat(a.differences(a)).isEmpty();
    assertThat(a.differences(BuildFingerprint.EMPTY)).isEmpty();
  }

  @Test
  void pathsAreRedactedByPrefixOnDirectoryBoundariesOnly() {
    BuildFingerprint f =
        new BuildFingerprint(
            Map.of(
                "module root",
                "/home/ci/work/app",
                "GOROOT",
                "/home/ci",
                "GOMODCACHE",
                "/home/cix/m"));
    BuildFingerprint r = f.redacted(Map.of("/home/ci", "HOME"));
    assertThat(r.get("module root")).isEqualTo("$HOME/work/app");
    assertThat(r.get("GOROOT")).isEqualTo("$HOME");
    assertThat(r.get("GOMODCACHE")).isEqualTo("/home/cix/m");
  }

  @Test
  void theCommandLineWinsOverGoflagsForTrimpathAndBuildvcs() {
    assertThat(
            BuildFingerprint.flag(
                List.of("go", "build", "./..."), "-trimpath", "trimpath", "false"))
        .isEqualTo("true");
    assertThat(
            BuildFingerprint.flag(
                List.of("go", "build", "-trimpath=false", "./..."),
                "-trimpath",
                "trimpath",
                "false"))
        .isEqualTo("false");
    assertThat(
            BuildFingerprint.flag(
                List.of("go", "test", ".", "-args", "-trimpath"), "", "trimpath", "false"))
        .isEqualTo("false");
    assertThat(
            BuildFingerprint.flag(List.of("go", "build"), "-buildvcs=false -x", "buildvcs", "auto"))
        .isEqualTo("false");
  }
}
