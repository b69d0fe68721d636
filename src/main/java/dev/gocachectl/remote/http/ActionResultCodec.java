package dev.gocachectl.remote.http;

import dev.gocachectl.cache.OutputId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An action record as the value of bazel-remote's {@code /ac/<hash>}: a REAPI {@code ActionResult}
 * protobuf, hand-encoded (the protobuf wire format: varint tags {@code field << 3 | wire type},
 * varints, length-delimited fields).
 *
 * <pre>
 * ActionResult                         build.bazel.remote.execution.v2, remote_execution.proto
 *   2  output_files   OutputFile       exactly one:
 *        1  path        string           "gocachectl/output" (marks a record of ours)
 *        2  digest      Digest
 *             1  hash        string        the output ID, 64 lowercase hex digits
 *             2  size_bytes  int64         the output's size (omitted when 0, as proto3 does)
 *   5  stdout_raw     bytes            the record, opaque (omitted when empty)
 * </pre>
 *
 * What bazel-remote (v2.6.1, {@code server/http.go}, {@code cache/disk/disk.go}) does with it, AC
 * validation being on by default: a PUT is parsed, validated (relative non-empty paths, 64-hex
 * digests, sizes &gt;= 0) and re-marshalled with {@code 9 execution_metadata { 1 worker = client
 * address }} added, so the stored bytes differ from the sent ones but {@code stdout_raw} survives
 * unchanged; a GET or HEAD answers 404 unless every {@code output_files} digest is in its CAS with
 * that size. So the output must be stored before its record, and a record whose output was evicted
 * is a miss rather than a dangling pointer. With {@code --disable_http_ac_validation} the value is
 * stored and served as sent; both decode here. Anything else under the key (not a protobuf, no
 * output file of ours) is malformed.
 */
final class ActionResultCodec {
  /** The path of the one output file; it marks an ActionResult written by gocachectl. */
  static final String OUTPUT_PATH = "gocachectl/output";

  private static final int LEN = 2;
  private static final int VARINT = 0;

  /** What a stored ActionResult says. */
  @SuppressWarnings("ArrayRecordComponent") // a carrier; never compared or hashed
  record Decoded(String outputHex, long size, byte[] record) {}

  private ActionResultCodec() {}

  /** The ActionResult carrying {@code record} for an output of {@code size} bytes. */
  static byte[] encode(OutputId output, long size, byte[] record) {
    ByteArrayOutputStream digest = new ByteArrayOutputStream(80);
    bytesField(digest, 1, output.hex().getBytes(StandardCharsets.US_ASCII));
    if (size != 0) {
      varint(digest, 2 << 3 | VARINT);
      varint(digest, size);
    }
    ByteArrayOutputStream file = new ByteArrayOutputStream(120);
    bytesField(file, 1, OUTPUT_PATH.getBytes(StandardCharsets.US_ASCII));
    bytesField(file, 2, digest.toByteArray());
    ByteArrayOutputStream result = new ByteArrayOutputStream(record.length + 140);
    bytesField(result, 2, file.toByteArray());
    if (record.length > 0) {
      bytesField(result, 5, record);
    }
    return result.toByteArray();
  }

  /**
   * Reads a stored ActionResult.
   *
   * @throws IOException saying what is wrong if it is not one written by {@link #encode}
   */
  static Decoded decode(byte[] actionResult) throws IOException {
    Digest file = null;
    byte[] record = new byte[0];
    ProtoReader in = new ProtoReader(actionResult, 0, actionResult.length);
    while (in.more()) {
      int tag = in.tag();
      if (tag == (2 << 3 | LEN)) {
        if (file != null) {
          throw new IOException("ActionResult has more than one output file; not gocachectl's");
        }
        file = outputFile(in.embedded());
      } else if (tag == (5 << 3 | LEN)) {
        record = in.bytes(); // proto3: the last occurrence wins
      } else {
        in.skip(tag);
      }
    }
    if (file == null) {
      throw new IOException("ActionResult has no output file; not a gocachectl record");
    }
    return new Decoded(file.hex(), file.size(), record);
  }

  private static Digest outputFile(ProtoReader in) throws IOException {
    String path = null;
    Digest digest = null;
    while (in.more()) {
      int tag = in.tag();
      if (tag == (1 << 3 | LEN)) {
        path = new String(in.bytes(), StandardCharsets.UTF_8);
      } else if (tag == (2 << 3 | LEN)) {
        digest = digest(in.embedded());
      } else {
        in.skip(tag);
      }
    }
    if (!OUTPUT_PATH.equals(path)) {
      throw new IOException("ActionResult's output file is not " + OUTPUT_PATH + "; not ours");
    }
    if (digest == null) {
      throw new IOException("ActionResult's output file has no digest");
    }
    return digest;
  }

  private record Digest(String hex, long size) {}

  private static Digest digest(ProtoReader in) throws IOException {
    String hash = "";
    long size = 0;
    while (in.more()) {
      int tag = in.tag();
      if (tag == (1 << 3 | LEN)) {
        hash = new String(in.bytes(), StandardCharsets.US_ASCII);
      } else if (tag == (2 << 3 | VARINT)) {
        size = in.varint();
      } else {
        in.skip(tag);
      }
    }
    if (!hash.matches("[0-9a-f]{64}") || size < 0) {
      throw new IOException("ActionResult's output digest is not 64 hex digits and a size");
    }
    return new Digest(hash, size);
  }

  private static void bytesField(ByteArrayOutputStream out, int field, byte[] value) {
    varint(out, field << 3 | LEN);
    varint(out, value.length);
    out.writeBytes(value);
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) (v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
  }
}
