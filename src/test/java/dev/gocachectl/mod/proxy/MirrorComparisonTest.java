package dev.gocachectl.mod.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.PrefixPatterns;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Classification rules on hand-made probes, and the GOPROXY replay's keywords. */
class MirrorComparisonTest {
  static final ModuleVersion M = ModuleVersion.parse("example.com/m@v1.0.0").orElseThrow();
  static final H1 A = h1("a");
  static final H1 B = h1("b");

  static H1 h1(String s) {
    return H1.of(Hash.sha256(s.getBytes(StandardCharsets.UTF_8)));
  }

  static VersionProbe.Fetch ok(String url) {
    return new VersionProbe.Fetch(url, 200, null);
  }

  static VersionProbe probe(
      String mirror, String infoVersion, H1 mod, H1 zip, H1 zipGoMod, List<String> problems) {
    return new VersionProbe(
        mirror,
        M,
        ok(mirror),
        ok(mirror),
        ok(mirror),
        infoVersion,
        "2026-01-01T00:00:00Z",
        mod,
        zip,
        Hash.sha256(new byte[] {1}),
        zipGoMod,
        problems);
  }

  static List<String> kinds(List<MirrorFinding> f) {
    return f.stream().map(x -> x.kind().id() + " " + x.mirror()).toList();
  }

  @Test
  void withoutAReferenceTheMajorityDecides() {
    List<VersionProbe> p =
        List.of(
            probe("a", "v1.0.0", A, A, A, List.of()),
            probe("b", "v1.0.0", A, A, A, List.of()),
            probe("c", "v1.0.0", B, B, null, List.of()));
    assertThat(kinds(MirrorComparison.version(M, p, Map.of(), Reference.NONE, Instant.EPOCH)))
        .containsExactly("mod-mismatch c", "zip-mismatch c");
  }

  @Test
  void aReferenceOverrulesTheMajority() {
    List<VersionProbe> p =
        List.of(probe("a", "v1.0.0", A, A, A, List.of()), probe("b", "v1.0.0", A, A, A, List.of()));
    Reference ref = new Reference(Optional.of(B), Optional.of(A), "go.sum");
    assertThat(kinds(MirrorComparison.version(M, p, Map.of(), ref, Instant.EPOCH)))
        .containsExactly("zip-mismatch a", "zip-mismatch b");
  }

  @Test
  void protocolViolationsAreInvalid() {
    List<VersionProbe> p =
        List.of(probe("a", "v1.0.1", A, A, B, List.of("x.go: file path is not clean")));
    assertThat(kinds(MirrorComparison.version(M, p, Map.of(), Reference.NONE, Instant.EPOCH)))
        .containsExactly("invalid a", "invalid a", "invalid a");
  }

  @Test
  void keywordsEndTheReplay() {
    Map<String, VersionProbe> probes =
        Map.of("https://a", probe("https://a", "v1.0.0", A, A, A, List.of()));
    FetchPlan.Plan off =
        FetchPlan.of(
            M,
            ProxyList.parse("off", new PrefixPatterns("")),
            new PrefixPatterns(""),
            probes,
            Reference.NONE);
    assertThat(off.verdict())
        .isEqualTo("go fails: info fails: module lookup disabled by GOPROXY=off");
    PrefixPatterns priv = new PrefixPatterns("example.com");
    FetchPlan.Plan direct =
        FetchPlan.of(M, ProxyList.parse("https://a", priv), priv, probes, Reference.NONE);
    assertThat(direct.steps().getFirst().outcome())
        .startsWith("from version control (GONOPROXY matches");
    FetchPlan.Plan a =
        FetchPlan.of(
            M,
            ProxyList.parse("https://a,direct", new PrefixPatterns("")),
            new PrefixPatterns(""),
            probes,
            new Reference(Optional.of(A), Optional.of(A), "go.sum"));
    assertThat(a.verdict()).isEqualTo("go succeeds: matches go.sum");
  }

  @Test
  void goproxyParsesLikeGo() {
    ProxyList l =
        ProxyList.parse(
            "proxy.example.com|https://b.example.com,direct,https://ignored",
            new PrefixPatterns(""));
    assertThat(l.entries())
        .containsExactly(
            new ProxyList.Entry("https://proxy.example.com", true),
            new ProxyList.Entry("https://b.example.com", false),
            new ProxyList.Entry("direct", false));
    assertThat(ProxyList.parse("direct", new PrefixPatterns("x")).entries())
        .containsExactly(new ProxyList.Entry("direct", false));
    assertThat(ProxyList.parse("https://a", new PrefixPatterns("x")).entries().getFirst().url())
        .isEqualTo("noproxy");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ProxyList.parse(" , ", new PrefixPatterns("")))
        .hasMessage("GOPROXY list is not the empty string, but contains no entries");
  }
}
