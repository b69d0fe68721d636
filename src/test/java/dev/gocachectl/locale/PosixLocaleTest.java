package dev.gocachectl.locale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.testing.FixtureModules;
import dev.gocachectl.testing.ModWorld;
import dev.gocachectl.testing.WarmCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a real process under the POSIX locale, where the JVM decodes file names as ASCII: a
 * module whose tree holds {@code naïve-données.txt}, downloaded by the real go, and a GOCACHE named
 * {@code caché}. Through the launcher's locale step ({@code scripts/utf8-locale.sh}) every name is
 * read right and nothing is removed; a JVM started on ASCII without it refuses to run, where it
 * used to find the healthy module "tree-modified" and remove it.
 */
@Tag("slow")
class PosixLocaleTest {
  @TempDir static Path tmp;
  static ModWorld world;
  static Path consumer;
  static Path alphaTree;

  @BeforeAll
  static void world() {
    world = new ModWorld(tmp.resolve("w"));
    consumer = world.consumer("consumer", List.of(FixtureModules.get("example.com/alpha@v1.1.0")));
    alphaTree = world.modCache.resolve("example.com/alpha@v1.1.0");
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  record Run(int exit, String out, String err) {}

  /** The CLI in a fresh JVM; {@code throughLauncherStep} sources the launcher's locale step. */
  static Run cli(Map<String, String> locale, boolean throughLauncherStep, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (throughLauncherStep) {
      cmd.addAll(
          List.of(
              "sh",
              "-c",
              ". \"$0\" && exec \"$@\"",
              Path.of("scripts", "utf8-locale.sh").toAbsolutePath().toString()));
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.gocachectl.cli.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", System.getenv("PATH"));
    env.putAll(world.env());
    env.putAll(locale);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the CLI ended").isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  static final Map<String, String> LC_ALL_C = Map.of("LC_ALL", "C");
  static final Map<String, String> LANG_UNSET = Map.of();
  static final Map<String, String> LANG_C = Map.of("LANG", "C");

  @Test
  void modVerifyRepairThroughTheLauncherKeepsAModuleWithNonAsciiNames() throws Exception {
    for (Map<String, String> locale : List.of(LC_ALL_C, LANG_UNSET, LANG_C)) {
      Run r = cli(locale, true, "mod", "verify", "--repair", consumer.toString());
      assertThat(r.exit()).as(locale + ": " + r.err() + r.out()).isZero();
      assertThat(r.out()).as(locale.toString()).contains(": 0 problems").doesNotContain("removed");
      assertThat(alphaTree.resolve("testdata/na\u00efve-donn\u00e9es.txt")).exists();
    }
  }

  @Test
  void aJvmThatDecodesNamesAsAsciiRefusesAndRemovesNothing() throws Exception {
    Run r = cli(LC_ALL_C, false, "mod", "verify", "--repair", consumer.toString());
    assertThat(r.exit()).as(r.out()).isEqualTo(2);
    assertThat(r.err())
        .contains("the JVM decodes file names as ANSI_X3.4-1968 under LC_ALL=C")
        .contains("LC_ALL=C.UTF-8");
    assertThat(r.out()).isEmpty();
    assertThat(alphaTree.resolve("testdata/na\u00efve-donn\u00e9es.txt")).exists();
    // Help needs no file names.
    assertThat(cli(LC_ALL_C, false, "verify", "--help").exit()).isZero();
  }

  @Test
  void aNonAsciiCacheDirectoryIsReadThroughTheLauncher() throws Exception {
    Path cache = WarmCache.copyTo(tmp.resolve("cach\u00e9"));
    Map<String, String> env = new HashMap<>(LANG_UNSET);
    env.put("GOCACHE", cache.toString());
    Run verify = cli(env, true, "verify", "--settle", "0");
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("0 problems");
    Run stats = cli(env, true, "stats", "--json");
    assertThat(stats.exit()).as(stats.err()).isZero();
    assertThat(stats.out()).contains(cache.toString());
  }
}
