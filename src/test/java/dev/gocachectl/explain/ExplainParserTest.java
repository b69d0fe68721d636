package dev.gocachectl.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gocachehash line grammar, Go's quoting, and the manifest file format. */
class ExplainParserTest {
  static final String A = "1".repeat(64);
  static final String B = "2".repeat(64);
  static final String T = "3".repeat(64);
  static final String I = "4".repeat(64);
  static final String K = "5".repeat(64);
  static final String E = "6".repeat(64);

  /** Two interleaved compile hashes, noise, and a test with its gocachetest lines. */
  static final String LOG =
      String.join(
          "\n",
          "HASH[moduleIndex]",
          "HASH[moduleIndex]: \"whatever\"",
          "HASH[build example.com/m/a]",
          "HASH[build example.com/m/a]: \"go1.26.8\"",
          "HASH[build example.com/m/b]",
          "HASH[build example.com/m/b]: \"go1.26.8\"",
          "HASH[build example.com/m/a]: \"compile\\n\"",
          "HASH /src/m/a/a.go: " + "9".repeat(64),
          "HASH[build example.com/m/a]: \"file a.go PEfE7o35oBBYT6OYXyAO\\n\"",
          "HASH[build example.com/m/b]: \"import example.com/m/a 0cMuq1iNZQVgxZ7Stys7\\n\"",
          "HASH[build example.com/m/a]: " + A,
          "HASH subkey " + A + " \"srcfiles\" = " + B,
          "# example.com/m/b",
          "HASH[build example.com/m/b]: " + B,
          "HASH[testResult]",
          "HASH[testResult]: \"go1.26.8\"",
          "HASH[testResult]: \"test binary 3pYvUcDpfohhzVCTrX-E args [\\\"-test.timeout=10m0s\\\"]"
              + " execcmd []\"",
          "HASH[testResult]: " + T,
          "testcache: example.com/m/a: test ID 3370 => " + T,
          "HASH[testInputs]",
          "HASH[testInputs]: \"go1.26.8\"",
          "HASH[getenv]",
          "HASH[getenv]: \"go1.26.8\"",
          "HASH[getenv]: \"\\x00\"",
          "HASH[getenv]: " + E,
          "HASH[testInputs]: \"env MY_VAR " + E + "\\n\"",
          "HASH[testInputs]: " + I,
          "testcache: example.com/m/a: test ID " + T + " => input ID " + I + " => " + K,
          "testcache: caching disabled for test argument: -test.count=1",
          "");

  @TempDir Path tmp;

  @Test
  void goQuoting() {
    assertThat(GoQuoted.unquote("\"a\\tb\\n\\\"c\\\\\"")).isEqualTo("a\tb\n\"c\\");
    assertThat(GoQuoted.unquoteBytes("\"\\xe3\\x00鏪\""))
        .containsExactly(0xe3 - 256, 0, 0xe9 - 256, 0x8f - 256, 0xaa - 256);
    assertThat(GoQuoted.unquote("\"\\u00e9\\U0001F600\\101\"")).isEqualTo("é\uD83D\uDE00A");
    int[] end = new int[1];
    assertThat(GoQuoted.list("CC=[\"gcc\"] [] [\"-O2\" \"a b\"]", 3, end)).containsExactly("gcc");
    assertThat(GoQuoted.list("CC=[\"gcc\"] [] [\"-O2\" \"a b\"]", 14, end))
        .containsExactly("-O2", "a b");
    String odd = "tab\t \"quote\" \\ nl\n ctl\u0001 é";
    assertThat(GoQuoted.unquote(GoQuoted.quote(odd))).isEqualTo(odd);
    assertThatThrownBy(() -> GoQuoted.unquote("\"open"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesActionsTestsAndNotes() throws IOException {
    HashLogParser p = new HashLogParser("log");
    List<String> others = new java.util.ArrayList<>();
    for (String line : LOG.split("\n")) {
      if (!p.accept(line)) {
        others.add(line);
      }
    }
    Manifest m = p.finish(List.of("test", "./..."), "/src/m");
    assertThat(others).containsExactly("# example.com/m/b");
    assertThat(m.salt()).isEqualTo("go1.26.8");
    assertThat(m.actions())
        .extracting(a -> a.key().toString())
        .containsExactly(
            "compile example.com/m/a", "compile example.com/m/b", "test example.com/m/a");
    CapturedAction a = m.actions().getFirst();
    assertThat(a.id().hex()).isEqualTo(A);
    assertThat(a.inputs())
        .extracting(InputLine::text)
        .containsExactly("compile", "file a.go PEfE7o35oBBYT6OYXyAO");
    CapturedAction test = m.actions().get(2);
    assertThat(test.id().hex()).isEqualTo(K);
    assertThat(test.inputs()).hasSize(2);
    assertThat(test.inputs().get(1).detail()).isEqualTo("unset");
    assertThat(m.notes())
        .singleElement()
        .asString()
        .startsWith("test results not cached: caching disabled for test argument: -test.count=1 (")
        .contains("-run, -short");
  }

  @Test
  void testResultsWithoutGocachetestLinesAreNoted() throws IOException {
    HashLogParser p = new HashLogParser("log");
    for (String line : LOG.split("\n")) {
      if (!line.startsWith("testcache:")) {
        p.accept(line);
      }
    }
    Manifest m = p.finish(List.of(), null);
    assertThat(m.actions()).hasSize(2);
    assertThat(m.notes())
        .singleElement()
        .asString()
        .contains("GODEBUG=gocachehash=1,gocachetest=1");
  }

  @Test
  void malformedLinesNameTheSourceAndLine() {
    assertThatThrownBy(() -> parse("HASH[build x]", "HASH[build x]: garbage"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("ci.log:2: malformed gocachehash line")
        .hasMessageContaining("64-digit hex sum");
    assertThatThrownBy(() -> parse("HASH[build x]: \"go1.26.8\""))
        .hasMessageStartingWith(
            "ci.log:1: malformed gocachehash line (a write or sum for HASH[build x], which never started)");
    assertThatThrownBy(() -> parse("HASH[build x]", "HASH[build x]: \"open"))
        .hasMessageContaining("ci.log:2:")
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> parse("HASH[build x]", "HASH[build x]"))
        .hasMessage(
            "ci.log:2: a second HASH[build x] starts while the one from line 1 is still open: parallel actions interleaved; capture with -p=1");
  }

  private static void parse(String... lines) throws IOException {
    HashLogParser p = new HashLogParser("ci.log");
    for (String l : lines) {
      p.accept(l);
    }
  }

  @Test
  void manifestRoundTripsPlainAndGzipped() throws IOException {
    HashLogParser p = new HashLogParser("log");
    for (String line : LOG.split("\n")) {
      p.accept(line);
    }
    Manifest m = p.finish(List.of("test", "./..."), "/src/m");
    for (String name : List.of("m.manifest", "m.manifest.gz")) {
      Path f = tmp.resolve(name);
      ManifestFile.write(m, f);
      Manifest back = ManifestFile.read(f);
      assertThat(back).isEqualTo(m);
    }
    assertThat(Files.readString(tmp.resolve("m.manifest")))
        .startsWith("gocachectl manifest 1\nsalt \"go1.26.8\"\ncommand \"test\" \"./...\"\n");
    try (var s = Files.list(tmp)) {
      assertThat(s.map(x -> x.getFileName().toString()))
          .containsExactlyInAnyOrder("m.manifest", "m.manifest.gz");
    }
  }

  @Test
  void readsLogsPlainAndGzippedAndRejectsOtherFiles() throws IOException {
    Path log = Files.writeString(tmp.resolve("ci.log"), LOG);
    assertThat(ManifestFile.read(log).actions()).hasSize(3);
    Path gz = tmp.resolve("ci.log.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(LOG.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(ManifestFile.read(gz).actions()).hasSize(3);
    byte[] whole = Files.readAllBytes(gz);
    Path cut = Files.write(tmp.resolve("cut.log.gz"), Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> ManifestFile.read(cut))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(cut + ": the capture is truncated or damaged");
    Path other = Files.writeString(tmp.resolve("notes.txt"), "hello\n");
    assertThatThrownBy(() -> ManifestFile.read(other))
        .hasMessageStartingWith(other + ": neither a gocachectl manifest nor a gocachehash log");
  }

  @Test
  void malformedManifestNamesFileAndLine() throws IOException {
    Path f =
        Files.writeString(
            tmp.resolve("bad.manifest"),
            "gocachectl manifest 1\nsalt \"go1.26.8\"\naction build "
                + A
                + " example.com/m/a\n \"compile\\n\"\nbogus line\n");
    assertThatThrownBy(() -> ManifestFile.read(f))
        .isInstanceOf(IOException.class)
        .hasMessage(f + ":5: malformed manifest line (unknown line kind 'bogus'): bogus line");
    Path g =
        Files.writeString(
            tmp.resolve("bad2.manifest"), "gocachectl manifest 1\naction build 12 x\n");
    assertThatThrownBy(() -> ManifestFile.read(g))
        .hasMessageStartingWith(g + ":2: malformed manifest line (expected 64 hex digits");
  }
}
