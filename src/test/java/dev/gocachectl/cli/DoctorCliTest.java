package dev.gocachectl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gocachectl.mod.JsonTree;
import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.FixtureModule;
import dev.gocachectl.testing.GoEnv;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** doctor's exit codes, --json and --snapshot through the command line. */
class DoctorCliTest {
  @Test
  void exitCodesJsonAndSnapshot() throws Exception {
    Path base = Path.of("target", "test-work", "doctor-cli").toAbsolutePath();
    Path module = FixtureModule.write(base.resolve("checkout")).dir();
    // Its own repository: else doctor scans the scripts of the repository the test runs in.
    Files.createDirectories(module.resolve(".git"));
    Files.createDirectories(base.resolve("gocache"));
    Map<String, String> env =
        new HashMap<>(GoEnv.isolated(base.resolve("home"), base.resolve("gocache")).environment());
    Path snap = base.resolve("snapshot.json");
    Files.deleteIfExists(snap);

    Cli.Run clean =
        Cli.run(
            Clock.systemUTC(),
            env,
            "doctor",
            "--no-prog",
            "--dir",
            module.toString(),
            "--snapshot",
            snap.toString());
    assertEquals(0, clean.exit(), clean.out() + clean.err());
    assertTrue(clean.out().contains("no findings"), clean.out());
    Map<?, ?> s = (Map<?, ?>) JsonTree.parse(Files.readString(snap));
    assertEquals("gocachectl-runner-snapshot/1", s.get("format"));
    Map<?, ?> cc = (Map<?, ?>) ((Map<?, ?>) s.get("tools")).get("cc");
    assertTrue(String.valueOf(cc.get("versionLine")).contains(" version "), cc.toString());
    try (var files = Files.list(base)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }

    // A symlink or a FIFO at the snapshot's path is refused before doctor runs, and left as it is.
    Path target = base.resolve("target.json");
    Files.writeString(target, "keep");
    Path link = base.resolve("link.json");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, target);
    Path fifo = base.resolve("fifo.json");
    Files.deleteIfExists(fifo);
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    for (Path p : List.of(link, fifo)) {
      Cli.Run refused =
          Cli.run(
              Clock.systemUTC(),
              env,
              "doctor",
              "--no-prog",
              "--dir",
              module.toString(),
              "--snapshot",
              p.toString());
      assertEquals(2, refused.exit(), refused.out() + refused.err());
      assertTrue(refused.err().contains(p + ": is "), refused.err());
      assertTrue(refused.out().isEmpty(), refused.out());
    }
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("keep", Files.readString(target));
    assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(fifo));

    env.put("GOCACHE", "relative");
    Cli.Run bad = Cli.run(Clock.systemUTC(), env, "doctor", "--json", "--dir", module.toString());
    assertEquals(1, bad.exit(), bad.err());
    Map<?, ?> j = (Map<?, ?>) JsonTree.parse(bad.out());
    List<?> findings = (List<?>) j.get("findings");
    assertEquals("gocache-relative", ((Map<?, ?>) findings.getFirst()).get("id"));
    assertEquals("breaks-build", ((Map<?, ?>) findings.getFirst()).get("severity"));

    Cli.Run missing =
        Cli.run(Clock.systemUTC(), env, "doctor", "--dir", base.resolve("nope").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("--dir"), missing.err());
    env.put("PATH", base.toString());
    Cli.Run noGo = Cli.run(Clock.systemUTC(), env, "doctor", "--dir", module.toString());
    assertEquals(2, noGo.exit());
    assertTrue(noGo.err().contains("go: command not found"), noGo.err());
    assertEquals(0, Cli.run("doctor", "--help").exit());
  }
}
