package dev.gocachectl.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gocachectl.testing.GoEnv;
import dev.gocachectl.testing.WarmCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GOCACHEPROG conformance run against real programs: gocachectl's own prog and go-cacher
 * (third-party) pass with no finding; a test-only program breaking the protocol in one way each is
 * named with the step and severity go would suffer.
 */
@Tag("slow") // a conformance suite: builds a Go program, starts a JVM; not in ./test.sh --quick
class CacheProgProbeTest {
  private static final Path WORK = Path.of("target", "test-work", "doctor-prog").toAbsolutePath();
  private static Path broken;
  private static Map<String, String> env;

  @BeforeAll
  static void build() throws Exception {
    if (Files.exists(WORK)) {
      try (var s = Files.walk(WORK)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(WORK);
    var go = GoEnv.isolated(WORK.resolve("home"), WarmCache.copyTo(WORK.resolve("gocache")));
    broken = BrokenCacheProg.build(go, WORK.resolve("src"));
    env = new HashMap<>(go.environment());
  }

  private static ProgConformance probe(String prog) {
    return new CacheProgProbe(Duration.ofSeconds(10)).run(prog, env, WORK);
  }

  @Test
  void aConformingProgramHasNoFindings() {
    ProgConformance c = probe(broken + " ok " + WORK.resolve("ok-store"));
    assertEquals(List.of(), c.findings());
    assertEquals(List.of("get", "put", "close"), c.knownCommands());
    assertTrue(c.handshakeMillis() >= 0 && c.getMillis() >= 0 && c.closeMillis() >= 0);
  }

  @Test
  void gocachectlProgConforms() {
    // started as the launcher starts it, from the classes under test
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProgConformance c =
        probe(
            java
                + " -cp "
                + System.getProperty("java.class.path")
                + " dev.gocachectl.cli.Main prog --dir "
                + WORK.resolve("ours"));
    assertEquals(List.of(), c.findings(), c.toString());
    assertTrue(c.diskPath().orElseThrow().startsWith(WORK.resolve("ours")));
  }

  @Test
  void goCacherConforms() {
    Path gc = dev.gocachectl.testing.GoCacher.binary();
    ProgConformance c = probe(gc + " --cache-dir " + WORK.resolve("go-cacher"));
    assertEquals(List.of(), c.findings(), c.toString());
  }

  @ParameterizedTest
  @CsvSource({
    "silent, cacheprog-handshake, breaks-build, no answer to the handshake",
    "nocommands, cacheprog-handshake, breaks-build, lists no KnownCommands",
    "exit, cacheprog-put, breaks-build, closed its output before answering the put",
    "wrongid, cacheprog-put, breaks-build, to request ID 1",
    "nodiskpath, cacheprog-put, breaks-build, has no DiskPath",
    "notjson, cacheprog-put, breaks-build, not a JSON object",
    "miss, cacheprog-get, misses-cache, answered Miss",
    "badbody, cacheprog-diskpath, loses-or-poisons, that are not the 48 bytes put",
    "ext, cacheprog-diskpath, breaks-build, with the extension .bin",
    "badtime, cacheprog-get, breaks-build, not an RFC 3339 time",
    "linger, cacheprog-close, breaks-build, after close and the end of its standard input",
  })
  void aBrokenProgramIsNamed(String mode, String id, String severity, String evidence) {
    ProgConformance c = probe(broken + " " + mode + " " + WORK.resolve("store-" + mode));
    assertTrue(
        c.findings().stream()
            .anyMatch(
                f ->
                    f.id().id().equals(id)
                        && f.severity().label().equals(severity)
                        && f.evidence().contains(evidence)),
        c.findings().toString());
  }

  @Test
  void aProgramGoCannotStartOrSplit() {
    ProgConformance missing = probe("no-such-cacheprog --flag");
    assertEquals(FindingId.CACHEPROG_START, missing.findings().getFirst().id());
    ProgConformance quote = probe(broken + " 'ok");
    assertEquals(FindingId.CACHEPROG_SPLIT, quote.findings().getFirst().id());
    assertTrue(quote.findings().getFirst().effect().contains("unterminated ' string"));
  }
}
