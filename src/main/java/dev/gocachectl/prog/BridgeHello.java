package dev.gocachectl.prog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The first line the bridge sends the daemon on each connection (bridge/main.go writes it), and the
 * daemon's control lines back:
 *
 * <pre>
 * GOCACHECTL-BRIDGE 4 &lt;ppid&gt; &lt;cwd&gt; &lt;umask&gt; &lt;args&gt; &lt;env&gt; &lt;pipes&gt;\n
 * </pre>
 *
 * <p>{@code ppid} is the go command's pid; {@code cwd} its working directory (a one-item list, or
 * {@code -} if the bridge could not learn it), against which relative paths in the arguments are
 * resolved; {@code umask} its umask in octal, or {@code -}, applied to what the session creates;
 * {@code args} are those given to {@code gocachectl prog}, {@code env} the go command's variables
 * that the program reads ({@code AWS_*}, {@code GOCACHECTL_*}, {@code TMPDIR}, {@code HOME}, {@code
 * XDG_CACHE_HOME}, {@code HOSTNAME}) as {@code NAME=value}, {@code pipes} the bridge's pid and the
 * targets of its {@code /proc/self/fd/0} and {@code /proc/self/fd/1} links ({@code pipe:[N]}),
 * present only when both are pipes; each list is comma-separated standard base64 of its items, or
 * {@code -} when empty.
 *
 * <p>The daemon answers with one of:
 *
 * <ul>
 *   <li>{@value #DIRECT}: it opened the bridge's pipes ({@link BridgePipes}) and speaks GOCACHEPROG
 *       on them; on the connection follow only {@value #STDERR}{@code <base64>} lines (messages for
 *       the go command's stderr) and, last, {@value #EXIT}{@code <status>};
 *   <li>{@value #ERROR}{@code <message>}: it refuses the arguments; the bridge prints the message
 *       and exits with status 2;
 *   <li>anything else is GOCACHEPROG itself, starting with the handshake: the relay mode, where the
 *       bridge copies the protocol between its pipes and the connection.
 * </ul>
 *
 * @param goPid the go process, for the build report
 * @param cwd the go command's working directory, or null if the bridge could not tell
 * @param umask the go command's umask, or -1 if the bridge could not tell
 * @param args the prog flags
 * @param env the go command's environment, as far as the program reads it
 * @param pipes where the bridge's pipes are, or null if they are not both pipes
 */
record BridgeHello(
    long goPid, Path cwd, int umask, String[] args, Map<String, String> env, Pipes pipes) {
  static final String MAGIC = "GOCACHECTL-BRIDGE 4 ";
  static final String ERROR = "GOCACHECTL-DAEMON-ERROR ";
  static final String DIRECT = "GOCACHECTL-DAEMON-DIRECT";
  static final String STDERR = "GOCACHECTL-DAEMON-STDERR ";
  static final String EXIT = "GOCACHECTL-DAEMON-EXIT ";
  private static final int MAX = 256 * 1024;

  /** The bridge process and what its stdin and stdout link to ({@code pipe:[N]}). */
  record Pipes(long pid, String stdin, String stdout) {}

  /** Reads the hello line byte by byte, so that nothing after it is consumed. */
  static BridgeHello read(InputStream in) throws IOException {
    byte[] buf = new byte[MAX];
    int n = 0;
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0 || n == MAX) {
        throw new IOException(
            c < 0
                ? "connection closed before the bridge hello"
                : "bridge hello longer than 256 KiB");
      }
      buf[n++] = (byte) c;
    }
    String line = new String(buf, 0, n, StandardCharsets.UTF_8);
    if (!line.startsWith(MAGIC)) {
      throw new IOException(
          line.startsWith("GOCACHECTL-BRIDGE ")
              ? "a bridge of another version (\""
                  + line.substring(0, Math.min(line.length(), 20))
                  + "\"; this daemon speaks \""
                  + MAGIC.strip()
                  + "\"): run ./gocachectl --version to rebuild it"
              : "not a gocachectl bridge: first line \"" + line + "\"");
    }
    String[] parts = line.substring(MAGIC.length()).split(" ", -1);
    if (parts.length != 6) {
      throw new IOException(
          "bridge hello \""
              + line
              + "\": expected <ppid> <cwd> <umask> <args> <env> <pipes>, found "
              + parts.length
              + " fields (a bridge of another version: rebuild with ./gocachectl --version)");
    }
    long pid;
    try {
      pid = Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      throw new IOException("bad pid in bridge hello \"" + line + "\"", e);
    }
    String[] cwd = list(parts[1]);
    if (cwd.length > 1 || cwd.length == 1 && !cwd[0].startsWith("/")) {
      throw new IOException("bridge hello \"" + line + "\": <cwd> is not one absolute path");
    }
    int umask;
    try {
      umask = parts[2].equals("-") ? -1 : Integer.parseInt(parts[2], 8);
    } catch (NumberFormatException e) {
      throw new IOException("bad umask in bridge hello \"" + line + "\"", e);
    }
    if (umask < -1 || umask > 0777) {
      throw new IOException("bad umask in bridge hello \"" + line + "\"");
    }
    String[] args = list(parts[3]);
    Map<String, String> env = new TreeMap<>();
    for (String kv : list(parts[4])) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        env.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return new BridgeHello(
        pid,
        cwd.length == 0 ? null : Path.of(cwd[0]),
        umask,
        args,
        Collections.unmodifiableMap(env),
        pipes(list(parts[5]), line));
  }

  private static Pipes pipes(String[] items, String line) throws IOException {
    if (items.length == 0) {
      return null;
    }
    if (items.length != 3) {
      throw new IOException(
          "bridge hello \"" + line + "\": expected <pid>,<stdin>,<stdout> in <pipes>");
    }
    try {
      return new Pipes(Long.parseLong(items[0]), items[1], items[2]);
    } catch (NumberFormatException e) {
      throw new IOException("bad bridge pid in hello \"" + line + "\"", e);
    }
  }

  private static String[] list(String field) throws IOException {
    if (field.equals("-")) {
      return new String[0];
    }
    String[] enc = field.split(",", -1);
    String[] out = new String[enc.length];
    try {
      for (int i = 0; i < enc.length; i++) {
        out[i] = new String(Base64.getDecoder().decode(enc[i]), StandardCharsets.UTF_8);
      }
    } catch (IllegalArgumentException e) {
      throw new IOException("bad base64 in bridge hello: " + e.getMessage(), e);
    }
    return out;
  }

  /** The line a daemon sends instead of the handshake when it refuses the arguments. */
  static String errorLine(String message) {
    return ERROR + message.replace('\n', ' ') + "\n";
  }

  /** The line a daemon sends with a session's exit status, in the direct mode. */
  static String exitLine(int status) {
    return EXIT + status + "\n";
  }
}
