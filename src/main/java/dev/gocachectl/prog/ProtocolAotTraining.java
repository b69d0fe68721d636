package dev.gocachectl.prog;

import dev.gocachectl.cache.Hash;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A synthetic go conversation (puts, hits, misses, an empty put, close) run once at install time
 * under {@code -XX:AOTCacheOutput}, so that the JDK 25 AOT cache holds every class the protocol
 * path loads, already linked. The launcher runs it; go never does.
 */
public final class ProtocolAotTraining {
  private ProtocolAotTraining() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("gocachectl-train");
    try {
      StringBuilder in = new StringBuilder();
      long id = 1;
      for (int i = 0; i < 200; i++) {
        byte[] body = ("output " + i + "\n").repeat(i + 1).getBytes(StandardCharsets.UTF_8);
        String action = b64(Hash.sha256(("action " + i).getBytes(StandardCharsets.UTF_8)));
        in.append(request(id++, "get", action, null, 0));
        in.append(request(id++, "put", action, b64(Hash.sha256(body)), body.length));
        in.append('"').append(Base64.getEncoder().encodeToString(body)).append("\"\n");
        in.append(request(id++, "get", action, null, 0));
      }
      String empty = b64(Hash.sha256(new byte[0]));
      in.append(request(id++, "put", empty, empty, 0));
      in.append("{\"ID\":").append(id).append(",\"Command\":\"close\"}\n\n");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      int code =
          ProgMain.run(
              new String[] {"--dir", dir.toString()},
              new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)),
              out,
              err,
              System.getenv());
      if (code != 0) {
        throw new IllegalStateException("training session failed with exit " + code);
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static String b64(Hash h) {
    return h.base64();
  }

  private static String request(long id, String cmd, String action, String output, long size) {
    StringBuilder b =
        new StringBuilder("{\"ID\":").append(id).append(",\"Command\":\"").append(cmd);
    b.append("\",\"ActionID\":\"").append(action).append('"');
    if (output != null) {
      b.append(",\"OutputID\":\"").append(output).append('"');
    }
    if (size > 0) {
      b.append(",\"BodySize\":").append(size);
    }
    return b.append("}\n\n").toString();
  }
}
