package dev.gocachectl.prog;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.cache.OutputId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.Locale;

/**
 * Reads the go command's requests from the program's stdin.
 *
 * <h2>Wire format (go to program)</h2>
 *
 * <p>cmd/go writes each request with {@code json.Encoder} (the object and a newline), then an extra
 * empty line, and for a put with {@code BodySize > 0} the body as one JSON string of standard
 * padded base64 on its own line:
 *
 * <pre>
 * {"ID":1,"Command":"get","ActionID":"X9wLNUQBan+ihmQUwkkhnkX3pVAS0sam6V7FZ2VxpSA="}
 *
 * {"ID":2,"Command":"put","ActionID":"X9wL…pSA=","OutputID":"YF7E…Rdc=","BodySize":12}
 *
 * "aGVsbG8gd29ybGQK"
 * {"ID":3,"Command":"close"}
 * </pre>
 *
 * <p>An empty put (compiler stdout is often empty) has no {@code BodySize} and no body line. Field
 * names are matched as Go's decoder matches them, case-insensitively; unknown fields, of any JSON
 * type, are skipped, nested up to {@value #MAX_DEPTH} levels counting the request itself: go's
 * requests are flat, and a value nested deeper is refused before it can exhaust the stack. The
 * experimental protocol (Go 1.21 to 1.23) named {@code OutputID} {@code ObjectID}; both are read.
 * The body is decoded straight into a stream ({@link #readBody}), so a 200 MB output never sits in
 * memory.
 *
 * <p>Written by hand, not with jackson-core: jackson's first parser costs about 18 ms of class
 * initialisation even from the AOT cache (measured), paid by every go command; this grammar is one
 * flat object of strings and integers.
 */
final class RequestReader {
  /** How deep a request may nest (the request object is level 1; go sends only level 1). */
  static final int MAX_DEPTH = 8;

  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private int line = 1;
  private int column;

  RequestReader(InputStream in) {
    this.in = in;
  }

  /** The next request, or null at end of input. */
  Request next() throws IOException {
    int c = skipSpace();
    if (c < 0) {
      return null;
    }
    if (c != '{') {
      throw unexpected(c, "a JSON request object");
    }
    read();
    long id = -1;
    String command = null;
    ActionId action = null;
    OutputId output = null;
    long bodySize = 0;
    if (skipSpace() == '}') {
      read();
    } else {
      while (true) {
        String field = readString("a field name");
        expect(':');
        switch (field.toLowerCase(Locale.ROOT)) {
          case "id" -> id = readLong(field);
          case "command" -> command = readStringOrNull(field);
          case "actionid" -> action = idOrNull(field, ActionId::new);
          case "outputid", "objectid" -> output = idOrNull(field, OutputId::new);
          case "bodysize" -> bodySize = readLong(field);
          default -> skipValue(2);
        }
        int sep = skipSpace();
        if (sep != '}' && sep != ',') {
          throw unexpected(sep, "',' or '}' after field " + field);
        }
        read();
        if (sep == '}') {
          break;
        }
        skipSpace();
      }
    }
    if (id < 0 || command == null) {
      throw new ProtocolException(
          "request without " + (command == null ? "Command" : "ID") + " before " + where());
    }
    if (bodySize < 0) {
      throw new ProtocolException("request " + id + " has BodySize " + bodySize + " < 0");
    }
    return new Request(id, Request.Command.of(command), action, output, bodySize, command);
  }

  /**
   * Reads the body string that follows a put and streams its decoded bytes into {@code out}.
   * Returns how many bytes it held. Decodes straight from the read buffer, a chunk at a time.
   */
  long readBody(long requestId, OutputStream out) throws IOException {
    int c = skipSpace();
    if (c != '"') {
      throw unexpected(c, "the base64 body of put " + requestId + " as a JSON string");
    }
    read();
    Base64.Decoder decoder = Base64.getDecoder();
    byte[] chars = new byte[buf.length + 4];
    byte[] bytes = new byte[(buf.length + 4) / 4 * 3];
    int carried = 0;
    long total = 0;
    while (true) {
      if (pos >= lim && fill() < 0) {
        throw new ProtocolException(
            "input ended inside the body of put " + requestId + " at " + where());
      }
      int start = pos;
      while (pos < lim && buf[pos] != '"') {
        pos++;
      }
      int n = pos - start;
      column += n;
      System.arraycopy(buf, start, chars, carried, n);
      int have = carried + n;
      boolean end = pos < lim;
      int usable = end ? have : have - have % 4;
      if (end && usable % 4 != 0) {
        throw new ProtocolException(
            "body of put "
                + requestId
                + " is not valid base64: "
                + usable
                + " characters is not a multiple of 4, at "
                + where());
      }
      try {
        int m = decoder.decode(java.util.Arrays.copyOf(chars, usable), bytes);
        out.write(bytes, 0, m);
        total += m;
      } catch (IllegalArgumentException e) {
        throw new ProtocolException(
            "body of put "
                + requestId
                + " is not valid base64 ("
                + e.getMessage()
                + ") near "
                + where(),
            e);
      }
      carried = have - usable;
      System.arraycopy(chars, usable, chars, 0, carried);
      if (end) {
        read(); // the closing quote
        return total;
      }
    }
  }

  private int fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      return -1;
    }
    pos = 0;
    lim = n;
    return n;
  }

  private interface IdMaker<T> {
    T make(Hash h);
  }

  private <T> T idOrNull(String field, IdMaker<T> maker) throws IOException {
    String text = readStringOrNull(field);
    if (text == null) {
      return null;
    }
    byte[] b;
    try {
      b = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(field + " is not base64: \"" + text + "\" before " + where(), e);
    }
    if (b.length != Hash.SIZE) {
      throw new ProtocolException(
          field + " has " + b.length + " bytes, expected 32: \"" + text + "\" before " + where());
    }
    return maker.make(Hash.of(b));
  }

  private long readLong(String field) throws IOException {
    int c = skipSpace();
    if (c == 'n') {
      readWord("null");
      return 0;
    }
    StringBuilder digits = new StringBuilder();
    if (c == '-') {
      digits.append((char) read());
      c = peek();
    }
    while (c >= '0' && c <= '9') {
      digits.append((char) read());
      c = peek();
    }
    try {
      return Long.parseLong(digits.toString());
    } catch (NumberFormatException e) {
      throw unexpected(c, "an integer for " + field);
    }
  }

  private String readStringOrNull(String field) throws IOException {
    if (skipSpace() == 'n') {
      readWord("null");
      return null;
    }
    return readString("a string for " + field);
  }

  private String readString(String what) throws IOException {
    int c = skipSpace();
    if (c != '"') {
      throw unexpected(c, what);
    }
    read();
    StringBuilder s = new StringBuilder();
    java.io.ByteArrayOutputStream utf8 = null;
    while (true) {
      c = read();
      if (c < 0) {
        throw new ProtocolException("input ended inside a string at " + where());
      }
      if (c == '"') {
        return s.toString();
      }
      if (c == '\\') {
        s.append(escape());
      } else if (c < 0x80) {
        s.append((char) c);
      } else {
        utf8 = utf8 == null ? new java.io.ByteArrayOutputStream() : utf8;
        utf8.reset();
        utf8.write(c);
        while ((peek() & 0xC0) == 0x80) {
          utf8.write(read());
        }
        s.append(utf8.toString(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }

  private char escape() throws IOException {
    int e = peek();
    if ("\"\\/bfnrtu".indexOf(e) < 0 || e < 0) {
      throw unexpected(e, "an escape character");
    }
    read();
    return switch (e) {
      case '"' -> '"';
      case '\\' -> '\\';
      case '/' -> '/';
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> {
        int v = 0;
        for (int i = 0; i < 4; i++) {
          int d = Character.digit(read(), 16);
          if (d < 0) {
            throw new ProtocolException("bad \\u escape at " + where());
          }
          v = v * 16 + d;
        }
        yield (char) v;
      }
      default -> throw unexpected(e, "an escape character");
    };
  }

  /** Skips any value (string, number, literal, object or array) at nesting level {@code depth}. */
  private void skipValue(int depth) throws IOException {
    int c = skipSpace();
    switch (c) {
      case '"' -> readString("a string");
      case '{', '[' -> {
        if (depth > MAX_DEPTH) {
          throw new ProtocolException(
              "malformed request: a value nested deeper than "
                  + MAX_DEPTH
                  + " levels at line "
                  + line
                  + ", column "
                  + (column + 1)
                  + " (go's requests are flat objects; is something other than go writing to"
                  + " this program?)");
        }
        int close = c == '{' ? '}' : ']';
        read();
        if (skipSpace() == close) {
          read();
          return;
        }
        while (true) {
          if (c == '{') {
            readString("a field name");
            expect(':');
          }
          skipValue(depth + 1);
          int sep = skipSpace();
          if (sep != close && sep != ',') {
            throw unexpected(sep, "',' or '" + (char) close + "'");
          }
          read();
          if (sep == close) {
            return;
          }
        }
      }
      case 't' -> readWord("true");
      case 'f' -> readWord("false");
      case 'n' -> readWord("null");
      default -> {
        if (c != '-' && (c < '0' || c > '9')) {
          throw unexpected(c, "a JSON value");
        }
        while ("+-.eE0123456789".indexOf(peek()) >= 0 && peek() >= 0) {
          read();
        }
      }
    }
  }

  private void readWord(String word) throws IOException {
    for (int i = 0; i < word.length(); i++) {
      int c = peek();
      if (c != word.charAt(i)) {
        throw unexpected(c, "'" + word + "'");
      }
      read();
    }
  }

  private void expect(char want) throws IOException {
    int c = skipSpace();
    if (c != want) {
      throw unexpected(c, "'" + want + "'");
    }
    read();
  }

  private int skipSpace() throws IOException {
    int c = peek();
    while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      read();
      c = peek();
    }
    return c;
  }

  private int peek() throws IOException {
    if (pos >= lim && fill() < 0) {
      return -1;
    }
    return buf[pos] & 0xff;
  }

  private int read() throws IOException {
    int c = peek();
    if (c < 0) {
      return c;
    }
    pos++;
    if (c == '\n') {
      line++;
      column = 0;
    } else {
      column++;
    }
    return c;
  }

  /** For a character seen with {@link #peek} and not consumed: its column is the next one. */
  private ProtocolException unexpected(int c, String expected) {
    return new ProtocolException(
        "malformed request: expected "
            + expected
            + ", received "
            + printable(c)
            + " at line "
            + line
            + ", column "
            + (column + 1));
  }

  private static String printable(int c) {
    if (c < 0) {
      return "end of input";
    }
    if (c >= 0x20 && c < 0x7f) {
      return "'" + (char) c + "'";
    }
    return String.format("byte 0x%02x", c);
  }

  private String where() {
    return "line " + line + ", column " + column;
  }
}
