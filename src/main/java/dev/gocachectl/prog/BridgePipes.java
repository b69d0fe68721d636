package dev.gocachectl.prog;

import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A go command's GOCACHEPROG pipes, opened by the daemon itself through the bridge's {@code
 * /proc/PID/fd/0} and {@code /proc/PID/fd/1}, so that requests and answers pass between go and the
 * daemon with no process in between (the relay through the bridge cost two more context switches
 * per message: measured in docs/benchmarks.md).
 *
 * <p>On Linux, opening {@code /proc/PID/fd/N} of a pipe gives a new descriptor of that same pipe:
 * the daemon reads what go writes to the bridge's stdin and writes where go reads the bridge's
 * stdout. Only pipes are opened this way (a regular file would get an offset of its own, a socket
 * cannot be opened), and only if the link still names the pipe the bridge saw in its own {@code
 * /proc/self}, so a pid reused in between cannot hand over someone else's. The kernel allows it to
 * the same user unless {@code /proc} hides other processes ({@code hidepid}); when it does not,
 * {@link #open} says why and the session falls back to the relay.
 *
 * <p>Both opens block until the other end is open, which go's end is for the whole command; the go
 * process is checked to be alive just before.
 */
final class BridgePipes implements Closeable {
  private final InputStream in;
  private final OutputStream out;

  private BridgePipes(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  /** Where the bridge's pipes can or cannot be had: one or the other is null. */
  record Opened(BridgePipes pipes, String whyNot) {}

  /** Opens the bridge's stdin for reading and its stdout for writing. */
  static Opened open(BridgeHello.Pipes p, long goPid) {
    if (p == null) {
      return new Opened(null, "the bridge's stdin or stdout is not a pipe");
    }
    Path stdin = Path.of("/proc", Long.toString(p.pid()), "fd", "0");
    Path stdout = Path.of("/proc", Long.toString(p.pid()), "fd", "1");
    try {
      String why = mismatch(stdin, p.stdin());
      if (why == null) {
        why = mismatch(stdout, p.stdout());
      }
      if (why == null && !ProcessHandle.of(goPid).map(ProcessHandle::isAlive).orElse(false)) {
        why = "the go command " + goPid + " has exited";
      }
      if (why != null) {
        return new Opened(null, why);
      }
      FileInputStream in = new FileInputStream(stdin.toFile());
      try {
        return new Opened(new BridgePipes(in, new FileOutputStream(stdout.toFile(), true)), null);
      } catch (IOException | RuntimeException e) {
        in.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      return new Opened(null, "cannot open the bridge's pipes: " + e);
    }
  }

  private static String mismatch(Path link, String expected) throws IOException {
    String found = Files.readSymbolicLink(link).toString();
    if (!found.startsWith("pipe:") || !found.equals(expected)) {
      return link + " is " + found + ", the bridge said " + expected;
    }
    return null;
  }

  /** What go writes: the requests. */
  InputStream in() {
    return in;
  }

  /** What go reads: the answers. */
  OutputStream out() {
    return out;
  }

  @Override
  public void close() throws IOException {
    try {
      in.close();
    } finally {
      out.close();
    }
  }
}
