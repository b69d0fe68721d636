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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mod mirrors on two fixture mirrors: A serves everything right; B lags one version behind, serves
 * a tampered zip, a recompressed one (same content) and a 500 for one zip. The replayed GOPROXY
 * lists must predict what the real go does with them, module by module.
 */
class ModMirrorsRealGoTest {
  static final String ALPHA = "example.com/alpha@v1.1.0";
  static final String BETA = "example.com/Upper/beta@v1.2.0";
  static final String DELTA = "example.com/delta/v2@v2.1.0";
  static final String GAMMA = "example.com/gamma@v2.0.0+incompatible";

  @TempDir static Path tmp;
  static ModWorld world;
  static Path consumer;
  static HttpFixture b;

  @BeforeAll
  static void mirrors() {
    world = new ModWorld(tmp);
    consumer =
        world.consumer(
            "consumer",
            List.of(ALPHA, BETA, DELTA, GAMMA).stream().map(FixtureModules::get).toList());
    GoProxyServer lagging =
        new GoProxyServer(FixtureModules.all())
            .hide(ALPHA)
            .zip(
                BETA,
                new dev.gocachectl.testing.ZipBuilder()
                    .file(BETA + "/go.mod", "module example.com/Upper/beta\n\ngo 1.21\n")
                    .file(BETA + "/beta.go", "package beta\n\nconst V = 666\n")
                    .build())
            .zip(GAMMA, FixtureModules.get(GAMMA).storedZip())
            .mod(
                GAMMA,
                "module example.com/gamma\n\nrequire example.com/evil v1.0.0\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .fail(DELTA, "zip", 500);
    b = new HttpFixture(lagging);
  }

  @AfterAll
  static void stop() {
    b.close();
    world.close();
  }

  static Cli.Run mirrors(String goproxy) {
    Map<String, String> env = new HashMap<>(world.env());
    return Cli.run(
        Clock.systemUTC(),
        env,
        "mod",
        "mirrors",
        "--json",
        "--proxy",
        world.proxyHttp.url(),
        "--proxy",
        b.url(),
        "--goproxy",
        goproxy,
        consumer.toString());
  }

  static List<String> findings(Cli.Run r) throws IOException {
    List<String> out = new ArrayList<>();
    for (Object f : JsonTree.list(JsonTree.parse(r.out()), "findings")) {
      String mirror = JsonTree.string(f, "mirror");
      String who =
          mirror.contains(b.url()) && !mirror.contains(world.proxyHttp.url())
              ? "B"
              : mirror.contains(world.proxyHttp.url()) && !mirror.contains(b.url()) ? "A" : "A+B";
      out.add(JsonTree.string(f, "kind") + " " + JsonTree.string(f, "subject") + " " + who);
    }
    return out.stream().sorted().toList();
  }

  static Map<String, String> verdicts(Cli.Run r) throws IOException {
    Map<String, String> out = new HashMap<>();
    for (Object p : JsonTree.list(JsonTree.parse(r.out()), "plans")) {
      out.put(JsonTree.string(p, "module"), JsonTree.string(p, "verdict"));
    }
    return out;
  }

  /** Whether the real go, with this GOPROXY and the consumer's go.sum, downloads {@code m}. */
  static boolean goGets(String goproxy, String m) {
    Path fresh = tmp.resolve("fresh-" + System.nanoTime());
    try {
      GoTool.Result r =
          world
              .go(Map.of("GOPROXY", goproxy, "GOMODCACHE", fresh.toString()))
              .run(consumer, List.of("mod", "download", m.substring(0, m.indexOf('@'))));
      return r.ok();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      ModWorld.unlock(fresh);
    }
  }

  @Test
  void classifiesEveryDisagreement() throws IOException {
    Cli.Run r = mirrors(b.url() + "," + world.proxyHttp.url());
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(findings(r))
        .containsExactly(
            "error " + DELTA + " B",
            "list-differs example.com/alpha B",
            "missing " + ALPHA + " B",
            "mod-mismatch " + GAMMA + " B",
            "zip-bytes-differ " + GAMMA + " A+B",
            "zip-mismatch " + BETA + " B");
  }

  @Test
  void commaListsFallThroughOnlyOnNotFoundAsGoDoes() throws IOException {
    String list = b.url() + "," + world.proxyHttp.url();
    Map<String, String> v = verdicts(mirrors(list));
    for (String m : List.of(ALPHA, BETA, DELTA, GAMMA)) {
      assertThat(v.get(m).startsWith("go succeeds"))
          .as(m + ": " + v.get(m))
          .isEqualTo(goGets(list, m));
    }
    assertThat(v.get(ALPHA)).startsWith("go succeeds");
    assertThat(v.get(BETA)).startsWith("go fails");
    assertThat(v.get(DELTA)).startsWith("go fails");
    assertThat(v.get(GAMMA)).startsWith("go fails: the go.mod from");
  }

  @Test
  void pipeListsFallThroughOnAnyErrorAsGoDoes() throws IOException {
    String list = b.url() + "|" + world.proxyHttp.url();
    Map<String, String> v = verdicts(mirrors(list));
    for (String m : List.of(ALPHA, BETA, DELTA, GAMMA)) {
      assertThat(v.get(m).startsWith("go succeeds"))
          .as(m + ": " + v.get(m))
          .isEqualTo(goGets(list, m));
    }
    assertThat(v.get(DELTA)).startsWith("go succeeds");
  }

  @Test
  void agreeingMirrorsExitZero() throws IOException {
    Cli.Run r =
        Cli.run(
            Clock.systemUTC(),
            world.env(),
            "mod",
            "mirrors",
            "--proxy",
            world.proxyHttp.url(),
            "--proxy",
            world.proxyHttp.url() + "/",
            consumer.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("all agree");
  }
}
