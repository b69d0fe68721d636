package dev.gocachectl.mod;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Escaping, path checks and versions, with the vectors of x/mod's module_test.go. */
class ModulePathTest {
  @Test
  void escapesUpperCase() {
    assertThat(new ModulePath("github.com/GoogleCloudPlatform/omega").escaped())
        .isEqualTo("github.com/!google!cloud!platform/omega");
    assertThat(new ModulePath("github.com/Azure/azure-sdk-for-go").escaped())
        .isEqualTo("github.com/!azure/azure-sdk-for-go");
    String plain = "ascii.com/abcdefghijklmnopqrstuvwxyz.-/~_0123456789";
    assertThat(new ModulePath(plain).escaped()).isEqualTo(plain);
    assertThat(ModulePath.unescape("github.com/!google!cloud!platform/omega").orElseThrow().value())
        .isEqualTo("github.com/GoogleCloudPlatform/omega");
  }

  @Test
  void rejectsBadEscapes() {
    for (String bad :
        new String[] {
          "github.com/GoogleCloudPlatform/omega",
          "github.com/!google!cloud!platform!/omega",
          "github.com/!0google!cloud!platform/omega",
          "github.com/!_google!cloud!platform/omega",
          "github.com/!!google!cloud!platform/omega",
          ""
        }) {
      assertThat(ModulePath.unescape(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void checksModulePaths() {
    assertThat(PathRules.checkModulePath("rsc.io/quote")).isEmpty();
    assertThat(PathRules.checkModulePath("rsc.io/quote/v3")).isEmpty();
    assertThat(PathRules.checkModulePath("gopkg.in/yaml.v3")).isEmpty();
    assertThat(PathRules.checkModulePath("rsc/quote"))
        .contains("missing dot in first path element");
    assertThat(PathRules.checkModulePath("Rsc.io/quote")).isPresent();
    assertThat(PathRules.checkModulePath("rsc.io/quote/v1")).contains("invalid version");
    assertThat(PathRules.checkModulePath("rsc.io/quote/v0")).contains("invalid version");
    assertThat(PathRules.checkModulePath("rsc.io/aux/x")).isPresent();
    assertThat(PathRules.checkModulePath("rsc.io/x~1")).isPresent();
    assertThat(PathRules.checkModulePath("rsc.io/.x")).isPresent();
  }

  @Test
  void checksFilePaths() {
    assertThat(PathRules.checkFilePath("a/b.go")).isEmpty();
    assertThat(PathRules.checkFilePath("Straße/ünïcode.go")).isEmpty();
    assertThat(PathRules.checkFilePath("a/../b")).isPresent();
    assertThat(PathRules.checkFilePath("a/b'c")).contains("invalid char '''");
    assertThat(PathRules.checkFilePath("con.txt")).isPresent();
    assertThat(PathRules.checkFilePath("LPT1")).isPresent();
    assertThat(PathRules.checkFilePath("a.")).isPresent();
    assertThat(PathRules.checkFilePath("x/")).isPresent();
    // A letter Unicode 16 added is not a letter to Go 1.26.
    assertThat(PathRules.checkFilePath(new String(Character.toChars(0x105c0)))).isPresent();
  }

  @Test
  void versionsAgreeWithTheMajorSuffix() {
    assertThat(ModuleVersion.parse("rsc.io/quote", "v1.5.2")).isPresent();
    assertThat(ModuleVersion.parse("rsc.io/quote", "v2.0.0")).isEmpty();
    assertThat(ModuleVersion.parse("rsc.io/quote", "v2.0.0+incompatible")).isPresent();
    assertThat(ModuleVersion.parse("rsc.io/quote/v3", "v3.1.0")).isPresent();
    assertThat(ModuleVersion.parse("rsc.io/quote/v3", "v2.1.0")).isEmpty();
    assertThat(ModuleVersion.parse("gopkg.in/yaml.v2", "v2.4.0")).isPresent();
    assertThat(ModuleVersion.parse("rsc.io/quote", "v1.5")).isEmpty();
    assertThat(ModuleVersion.check("rsc.io/quote", "v1.5"))
        .contains("version \"v1.5\" is not canonical (should be \"v1.5.0\")");
    assertThat(ModuleVersion.parse("github.com/Azure/x@v1.0.0-RC1").orElseThrow().escapedVersion())
        .isEqualTo("v1.0.0-!r!c1");
  }

  @Test
  void semverAsGoOrdersIt() {
    assertThat(SemVer.canonicalModuleVersion("v1.2")).isEqualTo("v1.2.0");
    assertThat(SemVer.canonicalModuleVersion("v1.2.3+meta")).isEqualTo("v1.2.3");
    assertThat(SemVer.canonicalModuleVersion("v2.0.0+incompatible"))
        .isEqualTo("v2.0.0+incompatible");
    assertThat(SemVer.isValid("v1.02.0")).isFalse();
    assertThat(SemVer.isValid("v1.2.3-01")).isFalse();
    assertThat(SemVer.isValid("1.2.3")).isFalse();
    String[] sorted = {
      "v1.0.0-alpha",
      "v1.0.0-alpha.1",
      "v1.0.0-alpha.beta",
      "v1.0.0-beta",
      "v1.0.0-beta.2",
      "v1.0.0-beta.11",
      "v1.0.0-rc.1",
      "v1.0.0",
      "v1.2.0",
      "v1.10.0"
    };
    for (int i = 1; i < sorted.length; i++) {
      assertThat(SemVer.ORDER.compare(sorted[i - 1], sorted[i])).as(sorted[i]).isNegative();
    }
    assertThat(SemVer.isPseudo("v0.0.0-20170915032832-14c0d48ead0c")).isTrue();
    assertThat(SemVer.isPseudo("v1.2.4-0.20191109021931-daa7c04131f5")).isTrue();
    assertThat(SemVer.isPseudo("v1.2.3")).isFalse();
  }

  @Test
  void prefixPatternsMatchLeadingElements() {
    assertThat(new PrefixPatterns("*/quote").matches("rsc.io/quote/v3")).isTrue();
    assertThat(new PrefixPatterns("*/v3").matches("rsc.io/quote/v3")).isFalse();
    assertThat(new PrefixPatterns("rsc.io/").matches("rsc.io/quote")).isTrue();
    assertThat(new PrefixPatterns("rsc").matches("rsc.io/quote")).isFalse();
    assertThat(new PrefixPatterns("*quo*").matches("rsc.io/quote")).isFalse();
    PrefixPatterns pq = new PrefixPatterns("p,*/q");
    for (String looked : new String[] {"abc", "a/p", "pq", "q", "n/o/p/q"}) {
      assertThat(pq.matches(looked)).as(looked).isFalse();
    }
    for (String skipped : new String[] {"p", "p/x", "x/q", "x/q/z"}) {
      assertThat(pq.matches(skipped)).as(skipped).isTrue();
    }
    assertThat(new PrefixPatterns("corp.example/[a-c]*").matches("corp.example/beta/x")).isTrue();
  }

  @Test
  void goSumLinesAsGoReadsThem() {
    GoSum s =
        GoSum.parse(
            java.nio.file.Path.of("go.sum"),
            ("rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=\n"
                    + "\n"
                    + "rsc.io/quote v1.5.2/go.mod   h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=\n"
                    + "x.io/y v1.0.0/go.mod h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=\n"
                    + "bad line\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(s.lines()).hasSize(2);
    assertThat(s.lines().get(1).goMod()).isTrue();
    assertThat(s.lines().get(1).lineNumber()).isEqualTo(3);
    assertThat(s.malformed()).containsExactly("go.sum:5: wrong number of fields 2");
  }
}
