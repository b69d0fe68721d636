package dev.gocachectl.mod.sumdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A checksum database {@code /lookup/<em>@<ev>} response (Go's {@code tlog.FormatRecord} followed
 * by a signed tree note), also what go caches in {@code cache/download/sumdb/<db>/lookup/}:
 *
 * <pre>
 * 2                                    the record's id: its leaf index in the log
 * rsc.io/sampler v1.3.0 h1:7uVk...     the record text: go.sum lines, each ending in a newline
 * rsc.io/sampler v1.3.0/go.mod h1:T1h...
 * (blank line)
 * go.sum database tree                 the signed note of the tree the server answered from
 * ...
 * </pre>
 *
 * The text is valid UTF-8 without control characters but newlines, ends in a newline and has no
 * blank line; its leaf hash is {@link MerkleLog#recordHash} of those bytes.
 *
 * @param id the record id
 * @param text the record text
 * @param note the signed tree note that follows
 */
public record LookupRecord(long id, String text, byte[] note) {
  /** Go's {@code tlog.ParseRecord}, or empty for {@code malformed record data}. */
  public static Optional<LookupRecord> parse(byte[] msg) {
    int nl = indexOf(msg, 0);
    if (nl < 0) {
      return Optional.empty();
    }
    long id;
    try {
      id = Long.parseLong(new String(msg, 0, nl, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    int start = nl + 1;
    int end = -1;
    for (int i = start; i + 1 < msg.length; i++) {
      if (msg[i] == '\n' && msg[i + 1] == '\n') {
        end = i;
        break;
      }
    }
    if (end < 0) {
      return Optional.empty();
    }
    byte[] text = Arrays.copyOfRange(msg, start, end + 1);
    String s = new String(text, StandardCharsets.UTF_8);
    if (!Arrays.equals(s.getBytes(StandardCharsets.UTF_8), text)
        || s.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
      return Optional.empty();
    }
    return Optional.of(new LookupRecord(id, s, Arrays.copyOfRange(msg, end + 2, msg.length)));
  }

  private static int indexOf(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The record text's bytes (the leaf's data). */
  public byte[] textBytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The lines of the record starting with {@code prefix} (Go's {@code Client.Lookup} filter). */
  public List<String> linesWithPrefix(String prefix) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith(prefix)) {
        out.add(line);
      }
    }
    return out;
  }
}
