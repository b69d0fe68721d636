package dev.gocachectl.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No message is only a path or only a class name. */
class FailureTest {
  @TempDir Path tmp;

  @Test
  void aFileSystemExceptionWithoutAReasonSaysWhatIsWrongInWords() {
    assertThat(Failure.of(new NotDirectoryException("/c/x")).toString())
        .isEqualTo("/c/x: not a directory");
    assertThat(Failure.of(new AccessDeniedException("/c/x")).toString())
        .isEqualTo("/c/x: permission denied (check the owner and mode)");
    assertThat(Failure.of(new FileSystemException("/c/x", "/c/y", null)).toString())
        .isEqualTo("/c/x -> /c/y: file system error");
    assertThat(Failure.of(new NoSuchFileException("/c/x", null, "no such cache")).toString())
        .isEqualTo("/c/x: no such cache");
  }

  @Test
  void whatTheJdkThrowsForARealFileIsNamedAndWorded() throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    try {
      Files.newDirectoryStream(file).close();
      throw new AssertionError("listed a file");
    } catch (IOException e) {
      assertThat(Failure.of(new UncheckedIOException(e)).toString())
          .isEqualTo(file + ": not a directory");
    }
  }

  @Test
  void anExceptionWithoutAMessageIsItsKindInWords() {
    assertThat(Failure.of(new EOFException()).toString())
        .isEqualTo("unexpected end of file (truncated)");
    assertThat(Failure.of(new ExecutionException(new java.util.zip.ZipException("bad"))).problem())
        .isEqualTo("bad (damaged or truncated compressed data)");
    assertThat(Failure.of(new IOException("/x: our own words")).toString())
        .isEqualTo("/x: our own words");
  }

  @Test
  void aBugSaysSo() {
    assertThat(Failure.of(new NullPointerException()).toString())
        .isEqualTo(
            "internal error: null pointer error; this is a bug in gocachectl: please report it"
                + " with the command line");
    assertThat(Failure.of(new IllegalArgumentException("invalid GOSUMDB: x")).toString())
        .isEqualTo("invalid GOSUMDB: x");
  }
}
