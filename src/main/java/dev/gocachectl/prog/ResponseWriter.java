package dev.gocachectl.prog;

import dev.gocachectl.cache.OutputId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes responses to the go command, one JSON object per line, whole lines only, from any thread.
 *
 * <h2>Wire format (program to go)</h2>
 *
 * <pre>
 * {"ID":0,"KnownCommands":["get","put","close"]}                 the handshake, sent at once
 * {"ID":7,"Miss":true}                                           get: not here
 * {"ID":8,"OutputID":"YF7E…Rdc=","Size":12,"Time":"2026-11-22T04:05:00.123456789Z",
 *  "DiskPath":"/home/u/.cache/gocachectl/prog/60/605ec4…-d"}      get: a hit (one line)
 * {"ID":9,"DiskPath":"/home/u/.cache/gocachectl/prog/60/605ec4…-d"} put: stored
 * {"ID":10,"Err":"put 10: body hashes to …, not the OutputID …"}  either: failed
 * {"ID":11}                                                       close
 * </pre>
 *
 * <p>Go reads these with one {@code json.Decoder}, in any order, matched by ID. {@code Time} is RFC
 * 3339 with nanoseconds, as Go's {@code time.Time} marshals; without it go stamps every hit "now"
 * and {@code go clean -testcache} would never expire a cached test result. {@code DiskPath} is
 * absolute and has no extension (golangci-lint filters {@code CompiledGoFiles} by extension). The
 * responses are written by hand: eight fields do not need a JSON library on the start-up path.
 */
final class ResponseWriter {
  private final OutputStream out;

  ResponseWriter(OutputStream out) {
    this.out = out;
  }

  void handshake() throws IOException {
    write("{\"ID\":0,\"KnownCommands\":[\"get\",\"put\",\"close\"]}\n");
  }

  void miss(long id) throws IOException {
    write("{\"ID\":" + id + ",\"Miss\":true}\n");
  }

  void hit(long id, OutputId out, long size, Instant time, String diskPath) throws IOException {
    write(
        "{\"ID\":"
            + id
            + ",\"OutputID\":\""
            + out.hash().base64()
            + "\",\"Size\":"
            + size
            + ",\"Time\":\""
            + time
            + "\",\"DiskPath\":"
            + quote(diskPath)
            + "}\n");
  }

  void stored(long id, String diskPath) throws IOException {
    write("{\"ID\":" + id + ",\"DiskPath\":" + quote(diskPath) + "}\n");
  }

  void error(long id, String message) throws IOException {
    write("{\"ID\":" + id + ",\"Err\":" + quote(message) + "}\n");
  }

  void closed(long id) throws IOException {
    write("{\"ID\":" + id + "}\n");
  }

  private void write(String line) throws IOException {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      out.write(b);
      out.flush();
    }
  }

  /** A JSON string literal. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
