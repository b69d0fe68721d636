package dev.gocachectl.prog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The first line the bridge sends the daemon on each connection (bridge/main.go writes it):
 *
 * <pre>
 * GOCACHECTL-BRIDGE 1 &lt;ppid&gt; &lt;base64 arg&gt;,&lt;base64 arg&gt;,...\n
 * </pre>
 *
 * <p>{@code ppid} is the go command's pid; the arguments are those given to {@code gocachectl
 * prog}. After this line the connection carries GOCACHEPROG.
 *
 * @param goPid the go process, for the build report
 * @param args the prog flags
 */
record BridgeHello(long goPid, String[] args) {
  static final String MAGIC = "GOCACHECTL-BRIDGE 1 ";
  private static final int MAX = 64 * 1024;

  /** Reads the hello line byte by byte, so that nothing after it is consumed. */
  static BridgeHello read(InputStream in) throws IOException {
    byte[] buf = new byte[MAX];
    int n = 0;
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0 || n == MAX) {
        throw new IOException(
            c < 0
                ? "connection closed before the bridge hello"
                : "bridge hello longer than 64 KiB");
      }
      buf[n++] = (byte) c;
    }
    String line = new String(buf, 0, n, StandardCharsets.UTF_8);
    if (!line.startsWith(MAGIC)) {
      throw new IOException("not a gocachectl bridge: first line \"" + line + "\"");
    }
    String[] parts = line.substring(MAGIC.length()).split(" ", 2);
    long pid;
    try {
      pid = Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      throw new IOException("bad pid in bridge hello \"" + line + "\"", e);
    }
    String[] args = new String[0];
    if (parts.length == 2 && !parts[1].isEmpty()) {
      String[] enc = parts[1].split(",");
      args = new String[enc.length];
      for (int i = 0; i < enc.length; i++) {
        args[i] = new String(Base64.getDecoder().decode(enc[i]), StandardCharsets.UTF_8);
      }
    }
    return new BridgeHello(pid, args);
  }
}
