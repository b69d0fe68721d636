package dev.gocachectl.mod.zip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.testing.ZipBuilder;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading and hashing zips the way Go's archive/zip and dirhash.HashZip do, and the zip rules. */
class ZipContentTest {
  static final String P = "example.com/m@v1.0.0/";
  static final ModuleVersion M = ModuleVersion.parse("example.com/m@v1.0.0").orElseThrow();

  static ZipContent hash(byte[] zip) throws ZipFormatException {
    try (ZipEntryReader r = new ZipEntryReader()) {
      return ZipContent.hash(MemorySegment.ofArray(zip), P + "go.mod", r, Hash.newDigest());
    }
  }

  static ZipBuilder simple() {
    return new ZipBuilder()
        .file(P + "go.mod", "module example.com/m\n\ngo 1.13\n")
        .file(P + "m.go", "package m\n\nfunc Foo() int { return 42 }\n")
        .file(
            P + "cmd/hello/hello.go",
            "package main\n\nimport (\n  \"fmt\"\n  \"example.com/m\"\n)\n\nfunc main() {\n"
                + "  fmt.Println(m.Foo())\n}\n");
  }

  @Test
  void hashesTheXModSimpleModuleWhateverTheCompression() throws Exception {
    String want = "h1:tpqYOOmuilagXzyqoJ3roUjp8gneQeTv5YVpL6BG7/k=";
    assertThat(hash(simple().build()).h1().text()).isEqualTo(want);
    assertThat(hash(simple().stored().build()).h1().text()).isEqualTo(want);
    assertThat(new String(hash(simple().build()).goMod(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("module example.com/m\n\ngo 1.13\n");
  }

  @Test
  void directoryEntriesCountAsEmptyFiles() throws Exception {
    ZipContent c = hash(simple().dir(P + "cmd/").build());
    assertThat(c.h1().text()).isNotEqualTo("h1:tpqYOOmuilagXzyqoJ3roUjp8gneQeTv5YVpL6BG7/k=");
    assertThat(c.files()).hasSize(4);
    assertThat(ZipRules.check(M, 0, c.entries())).isEmpty();
  }

  @Test
  void corruptDataFailsLikeGo() {
    byte[] zip = simple().stored().build();
    int at = indexOf(zip, "return 42");
    zip[at] ^= 1;
    assertThatThrownBy(() -> hash(zip)).hasMessageStartingWith("zip: checksum error");
    byte[] truncated = java.util.Arrays.copyOf(simple().build(), 40);
    assertThatThrownBy(() -> hash(truncated)).hasMessage("zip: not a valid zip file");
  }

  @Test
  void rulesAsCheckZip() throws Exception {
    List<ZipRules.Violation> v =
        ZipRules.check(
            M,
            0,
            hash(new ZipBuilder()
                    .file(P + "go.mod", "module example.com/m\n")
                    .file("example.com/other@v1.0.0/x.go", "x")
                    .file(P + "a/../b.go", "x")
                    .file(P + "bad'name.go", "x")
                    .file(P + "Readme", "x")
                    .file(P + "README", "x")
                    .file(P + "sub/go.mod", "module y\n")
                    .file(P + "GO.MOD", "module y\n")
                    .file(P + "m.go", "x")
                    .file(P + "m.go", "y")
                    .file(P + "m.go/x.go", "x")
                    .file(P + "aux.c", "x")
                    .build())
                .entries());
    assertThat(v)
        .extracting(ZipRules.Violation::reason)
        .containsExactly(
            "path does not have prefix \"example.com/m@v1.0.0/\"",
            "file path is not clean",
            "malformed file path \"bad'name.go\": invalid char '''",
            "case-insensitive file name collision: \"Readme\" and \"README\"",
            "go.mod file not in module root directory",
            "case-insensitive file name collision: \"go.mod\" and \"GO.MOD\"",
            "multiple entries for file \"m.go\"",
            "entry \"m.go\" is both a file and a directory",
            "malformed file path \"aux.c\": \"aux\" disallowed as path element component on Windows");
  }

  @Test
  void caseFoldingIsGos() throws Exception {
    // Kelvin sign folds with k; dotted capital I does not fold with i in Go.
    List<ZipRules.Violation> v =
        ZipRules.check(
            M,
            0,
            hash(new ZipBuilder()
                    .file(P + "k.go", "x")
                    .file(P + "\u212A.go", "x")
                    .file(P + "i.go", "x")
                    .file(P + "\u0130.go", "x")
                    .build())
                .entries());
    assertThat(v).extracting(ZipRules.Violation::name).containsExactly(P + "\u212A.go");
  }

  static int indexOf(byte[] hay, String needle) {
    byte[] n = needle.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + n.length <= hay.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (hay[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError(needle);
  }
}
