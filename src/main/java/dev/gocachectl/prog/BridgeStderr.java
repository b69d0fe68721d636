package dev.gocachectl.prog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A session's stderr in the daemon's direct mode: each complete line goes to the daemon's log and,
 * as a {@value BridgeHello#STDERR} control line, to the bridge, which prints it on the go command's
 * stderr. So a session's messages reach the user as they would from the in-process program. A
 * connection that is gone only loses the copy for the bridge.
 */
final class BridgeStderr extends OutputStream {
  private final OutputStream connection;
  private final PrintStream log;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  BridgeStderr(OutputStream connection, PrintStream log) {
    this.connection = connection;
    this.log = log;
  }

  @Override
  public synchronized void write(int b) {
    line.write(b);
    if (b == '\n') {
      emit();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  /** Sends what is left of an unfinished line. */
  @Override
  public synchronized void flush() {
    if (line.size() > 0) {
      line.write('\n');
      emit();
    }
  }

  @Override
  public void close() {
    flush();
  }

  private void emit() {
    byte[] text = line.toByteArray();
    line.reset();
    log.write(text, 0, text.length);
    log.flush();
    String control = BridgeHello.STDERR + Base64.getEncoder().encodeToString(text) + "\n";
    try {
      connection.write(control.getBytes(StandardCharsets.US_ASCII));
      connection.flush();
    } catch (IOException e) {
      // the bridge is gone; the log has the message
    }
  }
}
