package dev.gocachectl.prog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command line of the go process that started a session, for the build report: read from {@code
 * /proc/<pid>/cmdline} (NUL-separated) where there is one, else from {@link ProcessHandle}. Read
 * early, on a background thread: {@code go list} exits without a close, and by the end of the
 * session its pid may be gone.
 */
final class ParentCommand {
  private final Thread reader;
  private volatile String command;

  private ParentCommand(long pid) {
    this.reader = Thread.ofPlatform().daemon().name("parent-command").start(() -> read(pid));
  }

  /** Starts reading the command line of {@code pid}; {@code pid <= 0} means unknown. */
  static ParentCommand of(long pid) {
    return new ParentCommand(pid);
  }

  private void read(long pid) {
    if (pid <= 0) {
      return;
    }
    try {
      byte[] b = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      int end = b.length;
      while (end > 0 && b[end - 1] == 0) {
        end--;
      }
      for (int i = 0; i < end; i++) {
        if (b[i] == 0) {
          b[i] = ' ';
        }
      }
      command = end == 0 ? null : new String(b, 0, end, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      command = ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse(null);
    }
  }

  /** The command line, or null if it could not be known. */
  String get() {
    try {
      reader.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return command;
  }
}
