package dev.gocachectl.remote;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.OutputId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * What a remote store keeps under an action ID: which output the action produced, its size, when
 * and by whom, optionally signed, and for small outputs the output itself, so that a remote hit
 * costs one round trip.
 *
 * <h2>Format</h2>
 *
 * <p>A text header of {@code key value} lines, an empty line, then {@code inline} bytes of output:
 *
 * <pre>
 * gocachectl-ac 1
 * output 605ec4e8…45d7
 * size 12
 * time 1795314433838950386
 * producer ci-runner-7
 * inline 12
 * sig hmac-sha256 9a3f…0c11
 *
 * hello world\n
 * </pre>
 *
 * <p>{@code time} is Unix nanoseconds (go uses it for {@code go clean -testcache}); {@code inline}
 * is 0 or {@code size}; {@code sig} is present when the writer has a key and is the HMAC-SHA256 of
 * {@link #signedText} (the action ID, output, size, time and producer), so a record cannot be moved
 * to another action ID or changed without the key. Inline bytes need no signature: they must hash
 * to the output ID like any fetched output. Unknown keys are ignored, for later versions.
 *
 * @param signature the HMAC, or null when unsigned
 * @param inline the output bytes, or null when not carried
 */
public record ActionRecord(
    OutputId output, long size, long timeNanos, String producer, byte[] signature, byte[] inline) {
  static final String MAGIC = "gocachectl-ac 1";

  public ActionRecord {
    if (size < 0 || timeNanos < 0) {
      throw new IllegalArgumentException("negative size or time");
    }
    if (producer.isEmpty() || producer.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new IllegalArgumentException("producer must be a non-empty word: \"" + producer + "\"");
    }
    if (inline != null && inline.length != size) {
      throw new IllegalArgumentException("inline has " + inline.length + " bytes, size " + size);
    }
  }

  /** When the output was put, for go's test-cache expiry. */
  public Instant time() {
    return Instant.ofEpochSecond(0, timeNanos);
  }

  /** The text the signature covers: binds the record to its action ID. */
  public String signedText(ActionId id) {
    return MAGIC
        + "\naction "
        + id.hex()
        + "\noutput "
        + output.hex()
        + "\nsize "
        + size
        + "\ntime "
        + timeNanos
        + "\nproducer "
        + producer
        + "\n";
  }

  /**
   * This record without its inline bytes (the uploader adds them back where they fit). The
   * signature stays: it does not cover them, so a signed record copied to a faster tier by a
   * process without the key is still signed there.
   */
  public ActionRecord withoutInline() {
    return new ActionRecord(output, size, timeNanos, producer, signature, null);
  }

  /** This record carrying {@code body} inline, its signature kept. */
  public ActionRecord withInline(byte[] body) {
    return new ActionRecord(output, size, timeNanos, producer, signature, body);
  }

  /** This record with a signature. */
  public ActionRecord withSignature(byte[] sig) {
    return new ActionRecord(output, size, timeNanos, producer, sig, inline);
  }

  /** The bytes a store keeps. */
  public byte[] encode() {
    StringBuilder h = new StringBuilder(MAGIC).append('\n');
    h.append("output ").append(output.hex()).append('\n');
    h.append("size ").append(size).append('\n');
    h.append("time ").append(timeNanos).append('\n');
    h.append("producer ").append(producer).append('\n');
    h.append("inline ").append(inline == null ? 0 : inline.length).append('\n');
    if (signature != null) {
      h.append("sig hmac-sha256 ")
          .append(java.util.HexFormat.of().formatHex(signature))
          .append('\n');
    }
    h.append('\n');
    ByteArrayOutputStream b =
        new ByteArrayOutputStream(h.length() + (inline == null ? 0 : inline.length));
    b.writeBytes(h.toString().getBytes(StandardCharsets.US_ASCII));
    if (inline != null) {
      b.writeBytes(inline);
    }
    return b.toByteArray();
  }

  /**
   * Parses stored bytes.
   *
   * @throws IllegalArgumentException saying what is wrong; the tier counts it as a bad record
   */
  public static ActionRecord parse(byte[] data) {
    int end = headerEnd(data);
    String[] lines = new String(data, 0, end, StandardCharsets.US_ASCII).split("\n");
    if (lines.length == 0 || !lines[0].equals(MAGIC)) {
      throw new IllegalArgumentException(
          "not a gocachectl action record (first line is not \"" + MAGIC + "\")");
    }
    OutputId output = null;
    long size = -1;
    long time = -1;
    String producer = null;
    long inline = 0;
    byte[] sig = null;
    for (int i = 1; i < lines.length; i++) {
      String[] kv = lines[i].split(" ", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("bad record line \"" + lines[i] + "\"");
      }
      switch (kv[0]) {
        case "output" -> output = OutputId.fromHex(kv[1]);
        case "size" -> size = Long.parseLong(kv[1]);
        case "time" -> time = Long.parseLong(kv[1]);
        case "producer" -> producer = kv[1];
        case "inline" -> inline = Long.parseLong(kv[1]);
        case "sig" -> sig = parseSig(kv[1]);
        default -> {} // a later version's field
      }
    }
    if (output == null || size < 0 || time < 0 || producer == null) {
      throw new IllegalArgumentException("record lacks output, size, time or producer");
    }
    int from = end + 2;
    if (inline != 0 && (inline != size || data.length - from != inline)) {
      throw new IllegalArgumentException(
          "record says inline "
              + inline
              + " (size "
              + size
              + ") but carries "
              + (data.length - from)
              + " bytes");
    }
    byte[] body = inline == 0 ? null : Arrays.copyOfRange(data, from, data.length);
    if (inline == 0 && size == 0) {
      body = new byte[0]; // an empty output is always carried
    }
    return new ActionRecord(output, size, time, producer, sig, body);
  }

  private static byte[] parseSig(String v) {
    if (!v.startsWith("hmac-sha256 ")) {
      throw new IllegalArgumentException("unknown signature scheme \"" + v + "\"");
    }
    return java.util.HexFormat.of().parseHex(v.substring("hmac-sha256 ".length()));
  }

  /** The index of the "\n\n" that ends the header. */
  private static int headerEnd(byte[] data) {
    int max = Math.min(data.length - 1, 4096);
    for (int i = 0; i < max; i++) {
      if (data[i] == '\n' && data[i + 1] == '\n') {
        return i;
      }
    }
    throw new IllegalArgumentException("record header has no end in its first 4096 bytes");
  }
}
