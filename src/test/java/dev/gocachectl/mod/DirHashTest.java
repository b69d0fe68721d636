package dev.gocachectl.mod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.cache.Hash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The h1 test vectors of the reference (x/mod dirhash and zip testdata, real modules). */
class DirHashTest {
  static Hash sha(String s) {
    return Hash.sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void hash1OfTwoFilesSortsNames() {
    H1 h = new DirHash().add("xyz", sha("data for xyz")).add("abc", sha("data for abc")).sum();
    assertThat(sha("data for abc").hex())
        .isEqualTo("c807b6b431cbbfff4dcc032527d0e106e7f76e6aa20b3cab70fa00154144f351");
    assertThat(h.text()).isEqualTo("h1:EP6WfDoQTSk9klnxcjriWJOGztueJUywHNmWeq+efB8=");
  }

  @Test
  void prefixedNamesAsInHashDirAndHashZip() {
    H1 h =
        new DirHash()
            .add("prefix/xyz", sha("data for xyz"))
            .add("prefix/abc", sha("data for abc"))
            .sum();
    assertThat(h.text()).isEqualTo("h1:rLyfpGMAgqOnGE2aKOY5Xb6cOc0/YQhPjHBHBwkblhs=");
  }

  @Test
  void newlineInANameFails() {
    assertThatThrownBy(() -> new DirHash().add("a\nb", sha("")).sum())
        .hasMessage("dirhash: filenames with newlines are not supported");
  }

  @Test
  void emptyTreeIsTheHashOfNothing() {
    assertThat(new DirHash().sum().text())
        .isEqualTo("h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  }

  @Test
  void simpleModuleFromXModTestdata() {
    H1 h =
        new DirHash()
            .add("example.com/m@v1.0.0/go.mod", sha("module example.com/m\n\ngo 1.13\n"))
            .add("example.com/m@v1.0.0/m.go", sha("package m\n\nfunc Foo() int { return 42 }\n"))
            .add(
                "example.com/m@v1.0.0/cmd/hello/hello.go",
                sha(
                    "package main\n\nimport (\n  \"fmt\"\n  \"example.com/m\"\n)\n\nfunc main() {\n"
                        + "  fmt.Println(m.Foo())\n}\n"))
            .sum();
    assertThat(h.text()).isEqualTo("h1:tpqYOOmuilagXzyqoJ3roUjp8gneQeTv5YVpL6BG7/k=");
  }

  @Test
  void goModHashesOfRealModules() {
    assertThat(goMod("module \"rsc.io/quote\"\n\nrequire \"rsc.io/sampler\" v1.3.0\n"))
        .isEqualTo("h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=");
    assertThat(
            goMod(
                "module \"rsc.io/sampler\"\n\nrequire \"golang.org/x/text\""
                    + " v0.0.0-20170915032832-14c0d48ead0c\n"))
        .isEqualTo("h1:T1hPZKmBbMNahiBKFy5HrXp6adAjACjK9JXDnKaTXpA=");
    assertThat(goMod("module golang.org/x/text\n"))
        .isEqualTo("h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ=");
    assertThat(goMod("")).isEqualTo(H1.EMPTY_GO_MOD.text());
  }

  static String goMod(String s) {
    return DirHash.goMod(s.getBytes(StandardCharsets.UTF_8)).text();
  }

  @Test
  void namesSortByUtf8BytesNotUtf16() {
    // U+FF21 (3 UTF-8 bytes, EF BC A1) sorts after U+1F600 (F0 9F 98 80) in UTF-16 order
    // but before it in UTF-8 byte order; Go sorts bytes.
    String bmp = "\uFF21";
    String astral = new String(Character.toChars(0x1F600));
    Hash a = sha("a");
    Hash b = sha("b");
    H1 oneOrder = new DirHash().add(astral, a).add(bmp, b).sum();
    H1 otherOrder = new DirHash().add(bmp, b).add(astral, a).sum();
    assertThat(oneOrder).isEqualTo(otherOrder);
    String expectedSummary = a.hex() + "  " + astral + "\n";
    assertThat(bmp.compareTo(astral)).isPositive();
    String summary = b.hex() + "  " + bmp + "\n" + expectedSummary;
    assertThat(oneOrder.text()).isEqualTo("h1:" + sha(summary).base64());
  }
}
