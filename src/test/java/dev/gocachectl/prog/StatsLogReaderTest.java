package dev.gocachectl.prog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.CacheDir;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading prog's stats log back: an odd line costs that line, not the whole read. */
class StatsLogReaderTest {
  @TempDir Path tmp;

  @Test
  void oddLinesAreCountedAndSkipped() throws IOException {
    CacheDir dir = CacheDir.create(tmp.resolve("prog"));
    Path log = StatsLog.file(dir);
    Files.createDirectories(log.getParent());
    String good = "{\"time\":\"2026-01-02T03:04:05Z\",\"mode\":\"process\",\"gets\":3}\n";
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(good.getBytes(StandardCharsets.UTF_8));
    b.writeBytes("42\n".getBytes(StandardCharsets.UTF_8)); // not an object
    b.writeBytes("{\"gets\":1}\n".getBytes(StandardCharsets.UTF_8)); // no time
    b.writeBytes(new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}', '\n'});
    b.writeBytes(good.getBytes(StandardCharsets.UTF_8));
    Files.write(log, b.toByteArray());
    StatsLogReader.Log read = StatsLogReader.read(dir);
    assertThat(read.entries()).hasSize(2).allMatch(e -> e.get("gets") == 3);
    assertThat(read.unreadable()).isEqualTo(3);
  }
}
