package dev.gocachectl.stats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names what an output holds by sniffing its first bytes: the cache itself records no kind (the
 * 175-byte action entry written by {@code putIndexEntry} in Go's {@code
 * cmd/go/internal/cache/cache.go} holds only the action ID, output ID, size and time).
 */
final class OutputKind {
  private OutputKind() {}

  static String sniff(Path path, boolean dir) {
    if (dir) {
      return "executable";
    }
    byte[] head = new byte[16];
    int n;
    try (InputStream in = Files.newInputStream(path)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return "unreadable";
    }
    String s = new String(head, 0, n, StandardCharsets.ISO_8859_1);
    if (s.startsWith("!<arch>\n")) {
      return "archive";
    }
    if (s.startsWith("# test log\n")) {
      return "test log";
    }
    if (s.startsWith("go index v")) {
      return "module index";
    }
    if (s.startsWith("\u007fELF") || s.startsWith("MZ")) {
      return "binary";
    }
    if (s.startsWith("mode: ")) {
      return "cover profile";
    }
    return n == 0 ? "empty" : "data";
  }
}
