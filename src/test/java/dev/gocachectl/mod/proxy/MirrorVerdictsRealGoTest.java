package dev.gocachectl.mod.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.gotool.GoTool;
import dev.gocachectl.mod.JsonTree;
import dev.gocachectl.testing.Cli;
import dev.gocachectl.testing.FixtureModules;
import dev.gocachectl.testing.GoProxyServer;
import dev.gocachectl.testing.HttpFixture;
import dev.gocachectl.testing.ModWorld;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mod mirrors' verdict on one mirror at a time, next to the good one, each judged by the real go
 * too: a mirror whose version lists are empty but which serves every version's files (go needs no
 * list for an exact version), and one serving random bytes as a version's zip and go.mod.
 */
class MirrorVerdictsRealGoTest {
  static final String ALPHA = "example.com/alpha@v1.1.0";

  @TempDir static Path tmp;
  static ModWorld world;
  static Path consumer;
  static HttpFixture unlisted;
  static HttpFixture garbage;
  static HttpFixture badZip;

  @BeforeAll
  static void mirrors() {
    world = new ModWorld(tmp);
    consumer = world.consumer("consumer", List.of(FixtureModules.get(ALPHA)));
    unlisted = new HttpFixture(new GoProxyServer(FixtureModules.all()).lists(new byte[0]));
    Random r = new Random(13);
    byte[] zip = new byte[4096];
    byte[] mod = new byte[300];
    byte[] list = new byte[200];
    r.nextBytes(zip);
    r.nextBytes(mod);
    r.nextBytes(list);
    garbage =
        new HttpFixture(
            new GoProxyServer(FixtureModules.all()).lists(list).zip(ALPHA, zip).mod(ALPHA, mod));
    badZip = new HttpFixture(new GoProxyServer(FixtureModules.all()).zip(ALPHA, zip));
  }

  @AfterAll
  static void stop() {
    unlisted.close();
    garbage.close();
    badZip.close();
    world.close();
  }

  static Cli.Run mirrors(HttpFixture mirror) {
    return Cli.run(
        Clock.systemUTC(),
        world.env(),
        "mod",
        "mirrors",
        "--json",
        "--proxy",
        world.proxyHttp.url(),
        "--proxy",
        mirror.url(),
        "--goproxy",
        mirror.url(),
        consumer.toString());
  }

  /** {@code kind subject} of the findings about {@code mirror}. */
  static List<String> findings(Cli.Run r, HttpFixture mirror) throws IOException {
    List<String> out = new ArrayList<>();
    for (Object f : JsonTree.list(JsonTree.parse(r.out()), "findings")) {
      if (JsonTree.string(f, "mirror").equals(mirror.url())) {
        out.add(JsonTree.string(f, "kind") + " " + JsonTree.string(f, "subject"));
      }
    }
    return out.stream().sorted().toList();
  }

  static String verdict(Cli.Run r) throws IOException {
    return JsonTree.string(JsonTree.list(JsonTree.parse(r.out()), "plans").getFirst(), "verdict");
  }

  /** Whether the real go, with only {@code mirror} as GOPROXY, downloads ALPHA afresh. */
  static boolean goGets(HttpFixture mirror) throws IOException {
    Path fresh = tmp.resolve("fresh-" + System.nanoTime());
    try {
      GoTool.Result r =
          world
              .go(Map.of("GOPROXY", mirror.url(), "GOMODCACHE", fresh.toString()))
              .run(consumer, List.of("mod", "download", "example.com/alpha"));
      return r.ok();
    } finally {
      ModWorld.unlock(fresh);
    }
  }

  @Test
  void aVersionServedButNotListedIsNotMissing() throws IOException {
    Cli.Run r = mirrors(unlisted);
    assertThat(goGets(unlisted)).isTrue();
    assertThat(verdict(r)).startsWith("go succeeds");
    // the list is what it lacks, and only the list
    assertThat(findings(r, unlisted)).containsExactly("list-differs example.com/alpha");
  }

  @Test
  void randomBytesForTheListZipAndGoModAreInvalidNotMissing() throws IOException {
    Cli.Run r = mirrors(garbage);
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(goGets(garbage)).isFalse();
    assertThat(verdict(r)).startsWith("go fails");
    assertThat(findings(r, garbage))
        .contains("invalid " + ALPHA, "mod-mismatch " + ALPHA)
        .doesNotContain("missing " + ALPHA);
  }

  @Test
  void aZipThatIsNoZipFailsGoEvenWhenItsGoModIsRight() throws IOException {
    Cli.Run r = mirrors(badZip);
    assertThat(goGets(badZip)).isFalse();
    assertThat(verdict(r)).startsWith("go fails").contains("not a valid module zip");
    assertThat(findings(r, badZip)).containsExactly("invalid " + ALPHA);
  }
}
