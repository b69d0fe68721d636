package dev.gocachectl.mod.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** x/mod tlog vectors: hashes, storage indexes, tree hashes, tile paths, proofs. */
class MerkleLogTest {
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void recordAndEmptyHashes() {
    assertThat(MerkleLog.recordHash(utf8("hello world")).base64())
        .isEqualTo("TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=");
    assertThat(MerkleLog.emptyTree().base64())
        .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  }

  @Test
  void storedHashIndexes() {
    long[][] v = {
      {0, 0, 0},
      {0, 1, 1},
      {1, 0, 2},
      {0, 2, 3},
      {0, 3, 4},
      {1, 1, 5},
      {2, 0, 6},
      {0, 4, 7},
      {0, 7, 11},
      {3, 0, 14},
      {0, 1000, 1994}
    };
    for (long[] x : v) {
      assertThat(MerkleLog.storedHashIndex((int) x[0], x[1])).isEqualTo(x[2]);
      assertThat(MerkleLog.splitStoredHashIndex(x[2])).containsExactly(x[0], x[1]);
    }
    long[] counts = {1, 3, 4, 7, 8, 10, 11, 15};
    for (int n = 1; n <= 8; n++) {
      assertThat(MerkleLog.storedHashCount(n)).isEqualTo(counts[n - 1]);
    }
  }

  @Test
  void treeHashesOfLeafN() throws Exception {
    String[] want = {
      "G7l9zCFjXUfiZj79/QoXRobZjdcBNS3SzQbotD/T0wU=",
      "/F9riP+FVPdbsvnm85wxsZNtRLaSdu33sSBalVuXYeM=",
      "1Pksj7uJcg6ztVZ3x9fvrd/rENEaGoSguo8aIzN/qpU=",
      "T2MQhKFXxU9U/Psj/164ZQxLoWDClbsTqYMrEJ1SZ34=",
      "NBUVmC1lDiNSDb1U1/zwr6G3DMOhakEdRk3JwayWwwE=",
      "g2PDghzkHrtGIiEWpCzIPbp1OYSyPPyiaqrQpoZzNuo=",
      "WmH8K1T5z6cXdPJDIUPdQMbLKxGUf69lp9PaXLZRmcg=",
      "xcLIIO00L92ozolra5z1uMAKIcxLIHFMxuXTwFw1JAs="
    };
    TestLog log = new TestLog(2);
    for (int i = 0; i < 8; i++) {
      log.append(utf8("leaf " + i));
      assertThat(log.head().hash().base64()).isEqualTo(want[i]);
    }
  }

  @Test
  void tilePaths() {
    assertThat(new Tile(4, 0, 1, 16).path()).isEqualTo("tile/4/0/001");
    assertThat(new Tile(4, 0, 1, 5).path()).isEqualTo("tile/4/0/001.p/5");
    assertThat(new Tile(3, 5, 123456078, 8).path()).isEqualTo("tile/3/5/x123/x456/078");
    assertThat(new Tile(3, 5, 123456078, 2).path()).isEqualTo("tile/3/5/x123/x456/078.p/2");
    assertThat(new Tile(1, 0, 3057500, 2).path()).isEqualTo("tile/1/0/x003/x057/500");
    assertThat(new Tile(1, -1, 3057500, 2).path()).isEqualTo("tile/1/data/x003/x057/500");
    for (String p :
        new String[] {
          "tile/4/0/001",
          "tile/4/0/001.p/5",
          "tile/3/5/x123/x456/078.p/2",
          "tile/1/data/x003/x057/500"
        }) {
      assertThat(Tile.parse(p).map(Tile::path)).contains(p);
    }
    assertThat(Tile.parse("tile/3/5/123/456/078")).isEmpty();
    assertThat(Tile.parse("tile/3/-1/123/456/078")).isEmpty();
  }

  @Test
  void tilesAuthenticateAndProveEveryRecordOfEverySize() throws Exception {
    for (int height : new int[] {1, 2, 3}) {
      TestLog log = new TestLog(height);
      for (int n = 1; n <= 40; n++) {
        log.append(utf8("leaf " + (n - 1)));
        TreeHead head = log.head();
        TileHashReader r = new TileHashReader(head, height, log::tile);
        for (int older = 1; older <= n; older++) {
          assertThat(r.treeHash(older)).isEqualTo(log.headAt(older).hash());
        }
        for (long id = 0; id < n; id++) {
          Hash leaf = MerkleLog.recordHash(utf8("leaf " + id));
          assertThat(r.read(MerkleLog.storedHashIndex(0, id))).isEqualTo(leaf);
          List<Hash> proof = InclusionProof.prove(id, n, r::read);
          assertThat(InclusionProof.check(proof, id, n, leaf, head.hash())).isTrue();
          assertThat(
                  InclusionProof.check(proof, id, n, MerkleLog.recordHash(utf8("x")), head.hash()))
              .isFalse();
        }
      }
    }
  }

  @Test
  void aTamperedTileIsInconsistent() throws Exception {
    TestLog log = new TestLog(2);
    for (int i = 0; i < 21; i++) {
      log.append(utf8("leaf " + i));
    }
    TileSource bad =
        t ->
            log.tile(t)
                .map(
                    b -> {
                      if (t.level() == 0 && t.number() == 1) {
                        b[5] ^= 1;
                      }
                      return b;
                    });
    TileHashReader r = new TileHashReader(log.head(), 2, bad);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> r.read(MerkleLog.storedHashIndex(0, 5)))
        .hasMessage("downloaded inconsistent tile");
  }

  /** An in-memory log for tests: records, stored hashes, tiles. */
  static final class TestLog {
    final int height;
    final List<Hash> stored = new ArrayList<>();
    final Map<Long, TreeHead> heads = new HashMap<>();
    long size;

    TestLog(int height) {
      this.height = height;
    }

    void append(byte[] data) throws Exception {
      stored.addAll(
          StoredHashes.append(size, MerkleLog.recordHash(data), i -> stored.get((int) i)));
      size++;
      heads.put(size, head());
    }

    TreeHead head() throws Exception {
      long[] idx = MerkleLog.subtrees(size);
      Hash[] h = new Hash[idx.length];
      for (int i = 0; i < idx.length; i++) {
        h[i] = stored.get((int) idx[i]);
      }
      return new TreeHead(size, MerkleLog.fold(h));
    }

    TreeHead headAt(long n) {
      return heads.get(n);
    }

    Optional<byte[]> tile(Tile t) {
      return Optional.ofNullable(StoredHashes.tile(t, size, i -> stored.get((int) i)));
    }
  }
}
