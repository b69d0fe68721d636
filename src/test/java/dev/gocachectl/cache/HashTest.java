package dev.gocachectl.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HashTest {
  @Test
  void buildIdPartIsGosHashToString() {
    // a real archive's build ID "X9wLNUQBan-ihmQUwkkh/..." for action 5fdc0b35...: its first part
    // is buildid.HashToString of the action ID (Go's cmd/internal/buildid/buildid.go)
    ActionId id =
        ActionId.fromHex("5fdc0b3544016a7fa2866414c249219e45f7a55012d2c6a6e95ec5676571a520");
    assertThat(id.buildIdPart()).isEqualTo("X9wLNUQBan-ihmQUwkkh");
  }

  @Test
  void emptyOutputIsTheWellKnownName() {
    assertThat(OutputId.EMPTY.hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void base64RoundTripsTheWireForm() {
    Hash h = Hash.fromHex("5fdc0b3544016a7fa2866414c249219e45f7a55012d2c6a6e95ec5676571a520");
    assertThat(Hash.fromBase64(h.base64())).isEqualTo(h);
    assertThat(h.base64()).hasSize(44);
  }

  @Test
  void badHexNamesTheOffset() {
    assertThatThrownBy(() -> Hash.fromHex("zz" + "0".repeat(62))).hasMessageContaining("offset 0");
    assertThatThrownBy(() -> Hash.fromHex("00")).hasMessageContaining("expected 64 hex digits");
  }

  @Test
  void fileNamesAcceptOnlyWhatGoWrites() {
    String hex = "5fdc0b3544016a7fa2866414c249219e45f7a55012d2c6a6e95ec5676571a520";
    assertThat(CacheFileName.parse(hex + "-a"))
        .hasValueSatisfying(
            n -> {
              assertThat(n.kind()).isEqualTo(CacheFileName.Kind.ACTION);
              assertThat(n.shard()).isEqualTo("5f");
            });
    assertThat(CacheFileName.parse(hex.toUpperCase() + "-a")).isEmpty();
    assertThat(CacheFileName.parse(hex + "-x")).isEmpty();
    assertThat(CacheFileName.parse(hex + "-d.tmp")).isEmpty();
  }
}
