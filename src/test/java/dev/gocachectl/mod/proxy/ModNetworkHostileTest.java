package dev.gocachectl.mod.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.mod.JsonTree;
import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.FixtureModules;
import dev.gocachectl.testing.HostileHttpServer;
import dev.gocachectl.testing.ModWorld;
import dev.gocachectl.testing.SumdbServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * mod mirrors and mod sumdb against a mirror and a checksum database that trickle every body (a
 * byte every 100 ms without end, never silent long enough for a read timeout) or send bodies
 * without end as fast as they are read: each command ends, reporting the server's failure by URL,
 * instead of waiting for hours or filling the heap.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // guards a hang: before the fix these never ended
class ModNetworkHostileTest {
  static final String ALPHA = "example.com/alpha@v1.1.0";

  @TempDir static Path tmp;
  static ModWorld world;
  static Path consumer;

  @BeforeAll
  static void world() {
    world = new ModWorld(tmp);
    consumer = world.consumer("consumer", List.of(FixtureModules.get(ALPHA)));
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  static Cli.Run mirrors(HostileHttpServer s) {
    return Cli.run(
        Clock.systemUTC(),
        world.env(),
        "mod",
        "mirrors",
        "--json",
        "--timeout",
        "1s",
        "--proxy",
        world.proxyHttp.url(),
        "--proxy",
        s.url(),
        "--goproxy",
        world.proxyHttp.url(),
        consumer.toString());
  }

  /** The messages of the findings about the hostile mirror. */
  static List<String> errors(Cli.Run r, HostileHttpServer s) throws IOException {
    return JsonTree.list(JsonTree.parse(r.out()), "findings").stream()
        .filter(f -> JsonTree.string(f, "mirror").equals(s.url()))
        .map(f -> JsonTree.string(f, "kind") + ": " + JsonTree.string(f, "found"))
        .toList();
  }

  @Test
  void aMirrorTricklingEveryBodyIsAnErrorPerFileNotAHang() throws IOException {
    try (HostileHttpServer s =
        HostileHttpServer.start(HostileHttpServer.trickleChunked(Duration.ofMillis(100)))) {
      Cli.Run r = mirrors(s);
      assertThat(r.exit()).as(r.err()).isEqualTo(1);
      assertThat(errors(r, s))
          .as(r.out())
          .isNotEmpty()
          .allMatch(e -> e.startsWith("error: ") && e.contains("timed out"));
    }
  }

  @Test
  void aMirrorSendingEndlessBodiesIsCutAtEachKindsBound() throws IOException {
    try (HostileHttpServer s = HostileHttpServer.start(HostileHttpServer.endless())) {
      Cli.Run r = mirrors(s);
      assertThat(r.exit()).as(r.err()).isEqualTo(1);
      assertThat(errors(r, s))
          .as(r.out())
          .anyMatch(e -> e.contains("bytes a version list can be"))
          .anyMatch(e -> e.contains("bytes a .info file can be"))
          .anyMatch(e -> e.contains("bytes a go.mod (Go's MaxGoMod) can be"));
    }
  }

  @Test
  void aChecksumDatabaseTricklingItsAnswersIsReportedNotWaitedFor() throws IOException {
    try (HostileHttpServer s =
        HostileHttpServer.start(HostileHttpServer.trickleChunked(Duration.ofMillis(100)))) {
      Map<String, String> env = new HashMap<>(world.env());
      env.put("GOSUMDB", SumdbServer.key() + " " + s.url());
      // a fresh GOPATH: no cached lookups or tiles, so every answer must come from the server
      env.put("GOPATH", tmp.resolve("empty-gopath").toString());
      Cli.Run r =
          Cli.run(
              Clock.systemUTC(),
              env,
              "mod",
              "sumdb",
              "--json",
              "--timeout",
              "1s",
              consumer.toString());
      assertThat(r.exit()).as(r.err() + r.out()).isNotZero();
      assertThat(r.out() + r.err()).contains(s.url()).contains("timed out");
    }
  }
}
