package dev.gocachectl.remote.http;

import java.io.IOException;
import java.util.Arrays;

/**
 * Reads protobuf wire format from {@code buf[pos, end)}: tags, varints, length-delimited fields and
 * the skipping of fields it does not know. Every read is bounds-checked; anything malformed is an
 * {@link IOException} that says what.
 */
final class ProtoReader {
  private final byte[] buf;
  private final int end;
  private int pos;

  ProtoReader(byte[] buf, int pos, int end) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  boolean more() {
    return pos < end;
  }

  int tag() throws IOException {
    long tag = varint();
    if (tag >>> 3 == 0 || tag > Integer.MAX_VALUE) {
      throw new IOException("not a protobuf: bad field tag " + tag);
    }
    return (int) tag;
  }

  long varint() throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw new IOException("not a protobuf: truncated varint");
      }
      byte b = buf[pos++];
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
    }
    throw new IOException("not a protobuf: varint longer than 10 bytes");
  }

  byte[] bytes() throws IOException {
    int n = length();
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  ProtoReader embedded() throws IOException {
    int n = length();
    ProtoReader inner = new ProtoReader(buf, pos, pos + n);
    pos += n;
    return inner;
  }

  void skip(int tag) throws IOException {
    switch (tag & 7) {
      case 0 -> varint();
      case 1 -> advance(8);
      case 2 -> advance(length());
      case 5 -> advance(4);
      default -> throw new IOException("not a protobuf: wire type " + (tag & 7));
    }
  }

  private int length() throws IOException {
    long n = varint();
    if (n < 0 || n > end - pos) {
      throw new IOException("not a protobuf: length " + n + " past the end");
    }
    return (int) n;
  }

  private void advance(int n) throws IOException {
    if (n > end - pos) {
      throw new IOException("not a protobuf: field past the end");
    }
    pos += n;
  }
}
