package dev.gocachectl.remote.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.cache.OutputId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActionResultCodecTest {
  private static final OutputId OUTPUT =
      new OutputId(Hash.sha256("out".getBytes(StandardCharsets.US_ASCII)));

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 127, 128, 300, 65536})
  void recordsRoundTrip(int n) throws IOException {
    byte[] record = new byte[n];
    Arrays.fill(record, (byte) 0x80);
    var decoded = ActionResultCodec.decode(ActionResultCodec.encode(OUTPUT, 1L << 40, record));
    assertThat(decoded.record()).isEqualTo(record);
    assertThat(decoded.outputHex()).isEqualTo(OUTPUT.hex());
    assertThat(decoded.size()).isEqualTo(1L << 40);
  }

  @Test
  void theEncodingIsTheDocumentedProtobuf() {
    byte[] encoded = ActionResultCodec.encode(OUTPUT, 300, new byte[] {9, 8});
    String hex = HexFormat.of().formatHex(encoded);
    String path = HexFormat.of().formatHex("gocachectl/output".getBytes(StandardCharsets.US_ASCII));
    String hash = HexFormat.of().formatHex(OUTPUT.hex().getBytes(StandardCharsets.US_ASCII));
    // 12 = field 2 (output_files), LEN; 0a = field 1 (path); 12 = field 2 (digest), whose
    // 0a = hash and 10 ac02 = size_bytes 300; 2a = field 5 (stdout_raw), LEN 2.
    String digest = "0a40" + hash + "10ac02";
    String file = "0a11" + path + "12" + "45" + digest;
    assertThat(hex).isEqualTo("12" + "5a" + file + "2a020908");
  }

  @Test
  void whatBazelRemoteAddsAndUnknownFieldsAreSkipped() throws IOException {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.write(0x20); // 4 exit_code, varint 0 (bazel-remote would omit it; skipped either way)
    in.write(0);
    in.writeBytes(ActionResultCodec.encode(OUTPUT, 5, new byte[] {1, 2, 3}));
    byte[] worker = "127.0.0.1".getBytes(StandardCharsets.US_ASCII);
    in.write(0x4a); // 9 execution_metadata { 1 worker }
    in.write(worker.length + 2);
    in.write(0x0a);
    in.write(worker.length);
    in.writeBytes(worker);
    in.writeBytes(new byte[] {(byte) 0x99, 0x06, 1, 2, 3, 4, 5, 6, 7, 8}); // 99 fixed64
    in.writeBytes(new byte[] {(byte) 0x9d, 0x06, 1, 2, 3, 4}); // 99 fixed32
    assertThat(ActionResultCodec.decode(in.toByteArray()).record()).containsExactly(1, 2, 3);
  }

  @Test
  void somethingElseIsMalformed() {
    byte[] good = ActionResultCodec.encode(OUTPUT, 5, new byte[] {1});
    assertMalformed(Arrays.copyOf(good, good.length - 1), "past the end");
    assertMalformed(new byte[] {0x20, 1}, "no output file");
    assertMalformed(new byte[] {(byte) 0xff}, "truncated varint");
    assertMalformed(new byte[] {0x0b}, "wire type 3"); // a group
    assertMalformed(twice(good), "more than one output file");
    byte[] otherPath = good.clone();
    otherPath[4] = 'G'; // "Gocachectl/output"
    assertMalformed(otherPath, "not ours");
  }

  private static byte[] twice(byte[] good) {
    int fileLength = 2 + good[1];
    byte[] out = new byte[fileLength * 2];
    System.arraycopy(good, 0, out, 0, fileLength);
    System.arraycopy(good, 0, out, fileLength, fileLength);
    return out;
  }

  private static void assertMalformed(byte[] bytes, String why) {
    assertThatThrownBy(() -> ActionResultCodec.decode(bytes))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(why);
  }
}
