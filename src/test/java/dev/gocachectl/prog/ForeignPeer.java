package dev.gocachectl.prog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Another local user at a Unix socket, run as {@code nobody} (uid 65534) under {@code setpriv}: the
 * impostor that the bridge and the daemon must not talk to.
 *
 * <ul>
 *   <li>{@code listen SOCK RECORD}: binds SOCK, prints {@code listening}, and for each connection,
 *       one after the other, appends to RECORD what it sent up to its first newline (a bridge's
 *       hello), answers {@code recorded} and hangs up;
 *   <li>{@code dial SOCK}: connects, sends a bridge hello and prints {@code received N bytes}, N
 *       being what came back before the connection was closed or reset.
 * </ul>
 */
final class ForeignPeer {
  static final int NOBODY = 65534;

  private ForeignPeer() {}

  public static void main(String[] args) throws IOException {
    Path sock = Path.of(args[1]);
    if (args[0].equals("listen")) {
      listen(sock, Path.of(args[2]));
    } else {
      dial(sock);
    }
  }

  private static void listen(Path sock, Path record) throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(sock));
      System.out.println("listening");
      System.out.flush();
      while (true) {
        try (SocketChannel ch = server.accept()) {
          InputStream in = Channels.newInputStream(ch);
          try (OutputStream out =
              Files.newOutputStream(record, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (int c; (c = in.read()) >= 0; ) {
              out.write(c);
              if (c == '\n') {
                break;
              }
            }
          }
          Channels.newOutputStream(ch).write("recorded\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          // the other end went away; next
        }
      }
    }
  }

  private static void dial(Path sock) throws IOException {
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
      long n = 0;
      try {
        Channels.newOutputStream(ch)
            .write("GOCACHECTL-BRIDGE 4 1 - - - - -\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = Channels.newInputStream(ch);
        while (in.read() >= 0) {
          n++;
        }
      } catch (IOException e) {
        // closed unread: a broken pipe or a reset
      }
      System.out.println("received " + n + " bytes");
    }
  }

  /**
   * What a listener has recorded: the test sends a last line of its own and waits for the answer,
   * so every connection before it is in the record.
   */
  static String recorded(Path sock, Path record) throws IOException {
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
      Channels.newOutputStream(ch).write("END\n".getBytes(StandardCharsets.US_ASCII));
      Channels.newInputStream(ch).readAllBytes();
    }
    return Files.readString(record);
  }

  /** Runs this class as nobody with {@code args}. */
  static Process start(String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "setpriv",
                "--reuid=" + NOBODY,
                "--regid=" + NOBODY,
                "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData",
                "-cp",
                Path.of("target", "test-classes").toAbsolutePath().toString(),
                ForeignPeer.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Starts a listener as nobody and returns once it listens. */
  static Process listening(Path sock, Path record) throws IOException {
    Process p = start("listen", sock.toString(), record.toString());
    BufferedReader r = p.inputReader(StandardCharsets.UTF_8);
    String first = r.readLine();
    if (!"listening".equals(first)) {
      p.destroyForcibly();
      throw new IOException("the foreign listener did not start: " + first);
    }
    return p;
  }
}
