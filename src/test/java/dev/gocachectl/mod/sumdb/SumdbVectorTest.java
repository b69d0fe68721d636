package dev.gocachectl.mod.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.testing.SumdbLog;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * x/mod's sumdb client fixture (tile height 2, the test signer key): record and tree hashes, tiles,
 * the byte-exact lookup response, and the forked log of TestClientFork.
 */
class SumdbVectorTest {
  static final String R0 =
      "rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=\n"
          + "rsc.io/quote v1.5.2/go.mod h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=\n"
          + "rsc.io/quote v1.5.2 h2:xyzzy\n";
  static final String R1 =
      "golang.org/x/text v0.0.0-20170915032832-14c0d48ead0c h1:qgOY6WgZOaTkIIMiVjBQcw93ERBE4m30iBm00nkL0i8=\n"
          + "golang.org/x/text v0.0.0-20170915032832-14c0d48ead0c/go.mod h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ=\n";
  static final String R2 =
      "rsc.io/sampler v1.3.0 h1:7uVkIFmeBqHfdjD+gZwtXXI+RODJ2Wc4O7MPEh/QiW4=\n"
          + "rsc.io/sampler v1.3.0/go.mod h1:T1hPZKmBbMNahiBKFy5HrXp6adAjACjK9JXDnKaTXpA=\n";
  static final String R3 = "rsc.io/Quote v1.5.2 h1:uppercase!=\n";

  static SumdbLog base() {
    SumdbLog log = new SumdbLog(2, NoteSigner.parse(NoteSigner.TEST_SIGNER));
    log.add("rsc.io/quote@v1.5.2", R0);
    log.add("golang.org/x/text@v0.0.0-20170915032832-14c0d48ead0c", R1);
    log.add("rsc.io/sampler@v1.3.0", R2);
    log.add("rsc.io/!quote@v1.5.2", R3);
    return log;
  }

  static String rh(String s) {
    return MerkleLog.recordHash(s.getBytes(StandardCharsets.UTF_8)).base64();
  }

  @Test
  void recordAndTreeHashes() {
    assertThat(rh(R0)).isEqualTo("WjvL/HG+LcMcRc63kFcpeP289Y+SW6L8uHapnVU30FU=");
    assertThat(rh(R1)).isEqualTo("OVycKzbYUm+7AUZXER7fMrIWBUp702IqutYyhFQ1Hng=");
    assertThat(rh(R2)).isEqualTo("o8m5rrlnnRXbhEBP9X8zkP2dzqefc98mKqSMf7t1ig8=");
    assertThat(rh(R3)).isEqualTo("zLPWUzQWCOqW03+cAo/qkz9hEzSO1SF31un1iRU1obg=");
    SumdbLog log = base();
    assertThat(log.head(1).hash().base64())
        .isEqualTo("WjvL/HG+LcMcRc63kFcpeP289Y+SW6L8uHapnVU30FU=");
    assertThat(log.head(2).hash().base64())
        .isEqualTo("wsqcgX5rABDmI7Y6Jhe+ltsmLPNQB4CCfpqFJVwMGNk=");
    assertThat(log.head(3).hash().base64())
        .isEqualTo("BqP+0lgg2eJ2ftkPcKT+ltQjkVMh3THoMw60om6MwKo=");
    assertThat(log.head(4).hash().base64())
        .isEqualTo("/7Aw5jVSMM9sFjQhaMg+iiDYPMk6decH7QLOGrL9Lx0=");
  }

  @Test
  void tilesAtFourAndThree() {
    SumdbLog log = base();
    byte[] full = log.tile(Tile.parse("tile/2/0/000").orElseThrow(), 4);
    assertThat(Hash.of(java.util.Arrays.copyOfRange(full, 64, 96)).base64()).isEqualTo(rh(R2));
    assertThat(Hash.of(log.tile(Tile.parse("tile/2/1/000.p/1").orElseThrow(), 4)).base64())
        .isEqualTo("/7Aw5jVSMM9sFjQhaMg+iiDYPMk6decH7QLOGrL9Lx0=");
    assertThat(log.tile(Tile.parse("tile/2/0/000.p/3").orElseThrow(), 3)).hasSize(96);
    assertThat(log.tile(Tile.parse("tile/2/0/000").orElseThrow(), 3)).isNull();
  }

  @Test
  void lookupResponseIsByteExact() throws Exception {
    String want =
        "2\n"
            + R2
            + "\n"
            + "go.sum database tree\n3\nBqP+0lgg2eJ2ftkPcKT+ltQjkVMh3THoMw60om6MwKo=\n\n"
            + "\u2014 localhost.localdev/sumdb AAAMZ7LFXswF2N3CLFvkbLG1n2Hx5SHNE+44EVr3kW/2wMlprpbogoxXRsDsaIMQ4kEmV+g6ObO1hQwtuEupEvEHTwo=\n";
    byte[] got = base().lookup(2, 3);
    assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo(want);
    LookupRecord r = LookupRecord.parse(got).orElseThrow();
    assertThat(r.id()).isEqualTo(2);
    assertThat(r.text()).isEqualTo(R2);
    SignedNote n = SignedNote.open(r.note(), NoteVerifier.parse(NoteSigner.TEST_VERIFIER));
    assertThat(TreeHead.parse(n.text()).orElseThrow().size()).isEqualTo(3);
  }

  @Test
  void forkedLogsAsInTestClientFork() throws Exception {
    SumdbLog a = base();
    SumdbLog b = a.fork(4, NoteSigner.parse(NoteSigner.TEST_SIGNER));
    a.add("rsc.io/pkg1@v1.5.2", "rsc.io/pkg1 v1.5.2 h1:hash!=\n");
    a.add("rsc.io/pkg1@v1.5.4", "rsc.io/pkg1 v1.5.4 h1:hash!=\n");
    b.add("rsc.io/pkg1@v1.5.3", "rsc.io/pkg1 v1.5.3 h1:hash!=\n");
    b.add("rsc.io/pkg1@v1.5.4", "rsc.io/pkg1 v1.5.4 h1:hash!=\n");
    assertThat(new String(a.signedHead(5), StandardCharsets.UTF_8))
        .isEqualTo(
            "go.sum database tree\n5\nnWzN20+pwMt62p7jbv1/NlN95ePTlHijabv5zO/s36w=\n\n"
                + "\u2014 localhost.localdev/sumdb AAAMZ5/2FVAdMH58kmnz/0h299pwyskEbzDzoa2/YaPdhvLya4YWDFQQxu2TQb5GpwAH4NdWnTwuhILafisyf3CNbgg=\n");
    assertThat(new String(b.signedHead(6), StandardCharsets.UTF_8))
        .contains("wc4SkQt52o5W2nQ8To2ARs+mWuUJjss+sdleoiqxMmM=")
        .contains(
            "AAAMZ6oRNswlEZ6ZZhxrCvgl1MBy+nusq4JU+TG6Fe2NihWLqOzb+y2c2kzRLoCr4tvw9o36ucQEnhc20e4nA4Qc/wc=");
    TileHashReader fromB = new TileHashReader(b.head(6), 2, t -> Optional.ofNullable(b.tile(t, 6)));
    Hash proof = fromB.treeHash(5);
    assertThat(proof.base64()).isEqualTo("T7i+H/8ER4nXOiw4Bj0koZOkGjkxoNvlI34GpvhHhQg=");
    assertThat(proof).isNotEqualTo(a.head(5).hash());
    assertThat(fromB.treeHash(4)).isEqualTo(a.head(4).hash());
  }
}
