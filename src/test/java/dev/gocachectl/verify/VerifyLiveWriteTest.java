package dev.gocachectl.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.ActionEntry;
import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheWriter;
import dev.gocachectl.cache.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A problem in a recently written file is looked at twice: a go process that finishes its write in
 * between makes it a live write, not a finding. The pause between the looks is the seam where the
 * test plays the go process.
 */
class VerifyLiveWriteTest {
  @TempDir Path tmp;

  ActionEntry writeOne(CacheDir dir) throws IOException {
    byte[] body = "some compiler output\n".repeat(100).getBytes(StandardCharsets.UTF_8);
    ActionId id = new ActionId(Hash.sha256("action".getBytes(StandardCharsets.UTF_8)));
    return new CacheWriter(dir, Clock.systemUTC()).put(id, body);
  }

  VerifyReport verify(CacheDir dir, Duration settle, Verifier.Pause pause) throws IOException {
    VerifyOptions o = new VerifyOptions(1, settle, Duration.ofSeconds(2));
    return new Verifier(o, Clock.systemUTC(), pause).verify(dir, VerifyProgress.NONE);
  }

  @Test
  void halfWrittenOutputThatCompletesIsALiveWrite() throws IOException {
    CacheDir dir = CacheDir.create(tmp.resolve("c"));
    ActionEntry e = writeOne(dir);
    Path d = dir.outputPath(e.output());
    byte[] whole = Files.readAllBytes(d);
    Files.write(d, java.util.Arrays.copyOf(whole, whole.length / 2)); // go's write in progress
    List<Duration> pauses = new ArrayList<>();
    VerifyReport r =
        verify(
            dir,
            Duration.ofMinutes(5),
            wait -> {
              pauses.add(wait);
              Files.write(d, whole); // go finishes its write
            });
    assertThat(pauses).containsExactly(Duration.ofSeconds(2));
    assertThat(r.findings()).isEmpty();
    assertThat(r.liveWrites()).isEqualTo(1);
  }

  @Test
  void recentDamageThatStaysIsReported() throws IOException {
    CacheDir dir = CacheDir.create(tmp.resolve("c"));
    ActionEntry e = writeOne(dir);
    Path d = dir.outputPath(e.output());
    Files.write(d, new byte[(int) Files.size(d)]);
    VerifyReport r = verify(dir, Duration.ofMinutes(5), wait -> {});
    assertThat(r.findings())
        .extracting(Finding::kind)
        .containsExactly(FindingKind.OUTPUT_HASH_MISMATCH);
    assertThat(r.liveWrites()).isZero();
  }

  @Test
  void oldDamageIsReportedWithoutASecondLook() throws IOException {
    CacheDir dir = CacheDir.create(tmp.resolve("c"));
    ActionEntry e = writeOne(dir);
    Path d = dir.outputPath(e.output());
    Files.write(d, new byte[(int) Files.size(d)]);
    FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
    Files.setLastModifiedTime(d, old);
    Files.setLastModifiedTime(dir.actionFile(e.id()), old);
    VerifyReport r =
        verify(
            dir,
            Duration.ofMinutes(5),
            wait -> {
              throw new AssertionError("no second look expected for a file two hours old");
            });
    assertThat(r.findings())
        .extracting(Finding::kind)
        .containsExactly(FindingKind.OUTPUT_HASH_MISMATCH);
  }
}
