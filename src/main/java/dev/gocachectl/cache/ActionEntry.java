package dev.gocachectl.cache;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One action ("index") entry: the content of a {@code <actionID>-a} file.
 *
 * <h2>Format</h2>
 *
 * <p>Exactly 175 bytes, written by cmd/go as {@code fmt.Sprintf("v1 %x %x %20d %20d\n", id, out,
 * size, time.Now().UnixNano())}:
 *
 * <pre>
 * offset  length  content
 *      0       2  "v1"
 *      2       1  ' '
 *      3      64  action ID, lowercase hex (equals the file name without "-a")
 *     67       1  ' '
 *     68      64  output ID, lowercase hex (the file "&lt;out&gt;-d" in shard out[0])
 *    132       1  ' '
 *    133      20  output size in bytes, decimal, right-aligned, space-padded
 *    153       1  ' '
 *    154      20  time the entry was written, Unix nanoseconds, right-aligned, space-padded
 *    174       1  '\n'
 * </pre>
 *
 * <p>Example (the size and time columns are padded to 20 characters):
 *
 * <pre>
 * v1 011c691a…3b61 76bfaa36…00ae                 2653  1795314433838950386
 * </pre>
 *
 * <p>{@link #parse} replicates {@code (*DiskCache).get} byte for byte, including its leniencies
 * (upper-case hex, a leading {@code +} or zeros in the numbers) and its miss reasons, so that "Go
 * would miss on this entry" and "Go would accept it" are decided exactly as Go decides them. There
 * is no other version than {@code v1} and no checksum of the entry itself. The time feeds {@code go
 * clean -testcache} expiry; the file's mtime, not this time, is "last used".
 */
public record ActionEntry(ActionId id, OutputId output, long size, long timeNanos) {
  /** Go's {@code entrySize}. */
  public static final int SIZE = 175;

  private static final int ID_AT = 3;
  private static final int OUT_AT = 68;
  private static final int SIZE_AT = 133;
  private static final int TIME_AT = 154;
  private static final int NUMBER_WIDTH = 20;

  public ActionEntry {
    if (id == null || output == null) {
      throw new IllegalArgumentException("id and output are required");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size < 0: " + size);
    }
    if (timeNanos < 0) {
      throw new IllegalArgumentException("timeNanos < 0: " + timeNanos);
    }
  }

  /** When the entry was written, as recorded inside it. */
  public Instant time() {
    return Instant.ofEpochSecond(0, timeNanos);
  }

  /** The 175 bytes Go would write for this entry. */
  public byte[] encode() {
    String text =
        "v1 " + id.hex() + " " + output.hex() + " " + pad(size) + " " + pad(timeNanos) + "\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String pad(long n) {
    String digits = Long.toString(n);
    return " ".repeat(NUMBER_WIDTH - digits.length()) + digits;
  }

  /**
   * Parses an entry read from {@code <expected>-a} the way Go does.
   *
   * @param data the bytes read, at most {@link #SIZE}{@code + 1} of them are looked at
   * @param length how many bytes of {@code data} were read (Go reads up to 176 to detect "too
   *     long")
   * @param expected the action ID named by the file
   */
  public static EntryRead parse(byte[] data, int length, ActionId expected) {
    if (length > SIZE) {
      return EntryRead.malformed("too long");
    }
    if (length == 0) {
      return EntryRead.malformed("file is empty");
    }
    if (length < SIZE) {
      return EntryRead.malformed("entry file incomplete");
    }
    if (data[0] != 'v'
        || data[1] != '1'
        || data[2] != ' '
        || data[OUT_AT - 1] != ' '
        || data[SIZE_AT - 1] != ' '
        || data[TIME_AT - 1] != ' '
        || data[SIZE - 1] != '\n') {
      return EntryRead.malformed("invalid header");
    }
    Hash id = Hash.parseHexOrNull(data, ID_AT);
    if (id == null) {
      return EntryRead.malformed("decoding ID: " + Hash.hexError(data, ID_AT));
    }
    if (!id.equals(expected.hash())) {
      return new EntryRead.IdMismatch(new ActionId(id));
    }
    Hash out = Hash.parseHexOrNull(data, OUT_AT);
    if (out == null) {
      return EntryRead.malformed("decoding output ID: " + Hash.hexError(data, OUT_AT));
    }
    Number size = Number.parse(data, SIZE_AT, NUMBER_WIDTH);
    if (size.error() != null) {
      return EntryRead.malformed("parsing size: " + size.error());
    }
    if (size.value() < 0) {
      return EntryRead.malformed("negative size");
    }
    Number time = Number.parse(data, TIME_AT, NUMBER_WIDTH);
    if (time.error() != null) {
      return EntryRead.malformed("parsing timestamp: " + time.error());
    }
    if (time.value() < 0) {
      return EntryRead.malformed("negative timestamp");
    }
    return new EntryRead.Valid(
        new ActionEntry(expected, new OutputId(out), size.value(), time.value()));
  }

  /** A number field parsed like Go's "skip leading spaces, then strconv.ParseInt(rest, 10, 64)". */
  private record Number(long value, String error) {
    static Number parse(byte[] data, int at, int width) {
      int i = at;
      int end = at + width;
      while (i < end && data[i] == ' ') {
        i++;
      }
      String text = new String(data, i, end - i, StandardCharsets.ISO_8859_1);
      String syntaxError = "strconv.ParseInt: parsing " + goQuote(text) + ": invalid syntax";
      int digitsFrom = !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
      if (text.length() == digitsFrom) {
        return new Number(0, syntaxError);
      }
      for (int k = digitsFrom; k < text.length(); k++) {
        if (text.charAt(k) < '0' || text.charAt(k) > '9') {
          return new Number(0, syntaxError);
        }
      }
      try {
        return new Number(Long.parseLong(text), null);
      } catch (NumberFormatException e) {
        return new Number(0, "strconv.ParseInt: parsing " + goQuote(text) + ": value out of range");
      }
    }

    private static String goQuote(String text) {
      StringBuilder b = new StringBuilder("\"");
      for (char c : text.toCharArray()) {
        if (c == '"' || c == '\\') {
          b.append('\\').append(c);
        } else if (c >= 0x20 && c < 0x7f) {
          b.append(c);
        } else {
          b.append(String.format("\\x%02x", (int) c));
        }
      }
      return b.append('"').toString();
    }
  }
}
