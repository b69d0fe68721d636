package dev.gocachectl.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gocachectl.cache.ActionEntry;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.testing.CacheInspector;
import dev.gocachectl.testing.WarmCache;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verify on a cache the real go toolchain built (plain packages, cgo, vet, a cached test result and
 * a {@code go run} executable), then with each kind of damage injected: each is found as exactly
 * its kind, and nothing else is flagged.
 */
class VerifyRealCacheTest {
  @TempDir Path tmp;
  Path cache;
  CacheInspector inspect;

  @BeforeEach
  void copyWarmCache() {
    cache = WarmCache.copyTo(tmp.resolve("gocache"));
    inspect = new CacheInspector(cache);
  }

  VerifyReport verify() throws IOException {
    VerifyOptions o = new VerifyOptions(2, Duration.ZERO, Duration.ZERO);
    return new Verifier(o, Clock.systemUTC()).verify(CacheDir.open(cache), VerifyProgress.NONE);
  }

  @Test
  void freshCacheHasNoFindingsAndEveryOutputIsHashed() throws IOException {
    VerifyReport r = verify();
    assertThat(r.findings()).isEmpty();
    long outputBytes =
        inspect.snapshot().outputs().values().stream().mapToLong(o -> o.size()).sum();
    assertThat(r.bytesHashed()).isEqualTo(outputBytes);
    assertThat(r.outputs()).isEqualTo(inspect.snapshot().outputs().size());
    assertThat(r.actions()).isEqualTo(inspect.snapshot().actions().size()).isGreaterThan(100);
  }

  @Test
  void flippedByteInsideAnArchiveIsAHashMismatch() throws IOException {
    ActionEntry e = inspect.archiveOf("example.com/fixture/plain");
    Path d = inspect.dir().outputPath(e.output());
    long size = Files.size(d);
    try (RandomAccessFile f = new RandomAccessFile(d.toFile(), "rw")) {
      f.seek(size / 2);
      int b = f.read();
      f.seek(size / 2);
      f.write(b ^ 0x01);
    }
    assertThat(Files.size(d)).isEqualTo(size);
    assertThat(verify().findings())
        .extracting(Finding::kind, Finding::path, Finding::outputId)
        .containsExactly(tuple(FindingKind.OUTPUT_HASH_MISMATCH, d, e.output()));
  }

  @Test
  void zeroFilledOutputIsAHashMismatch() throws IOException {
    ActionEntry e = inspect.archiveOf("example.com/fixture/cgo");
    Path d = inspect.dir().outputPath(e.output());
    Files.write(d, new byte[(int) Files.size(d)]);
    List<Finding> f = verify().findings();
    assertThat(f).extracting(Finding::kind).containsExactly(FindingKind.OUTPUT_HASH_MISMATCH);
    assertThat(f.getFirst().found())
        .isEqualTo("sha256 " + dev.gocachectl.cache.Hash.ofFile(d).hex());
  }

  @Test
  void truncatedOutputIsASizeMismatchForEachEntryNamingIt() throws IOException {
    ActionEntry e = inspect.archiveOf("example.com/fixture/plain");
    Path d = inspect.dir().outputPath(e.output());
    long size = Files.size(d);
    try (RandomAccessFile f = new RandomAccessFile(d.toFile(), "rw")) {
      f.setLength(size - 1);
    }
    assertThat(verify().findings())
        .extracting(Finding::kind, Finding::actionId, Finding::expected, Finding::found)
        .containsExactly(
            tuple(
                FindingKind.OUTPUT_SIZE_MISMATCH, e.id(), size + " bytes", (size - 1) + " bytes"));
  }

  @Test
  void truncatedEntryIsMalformedWithGosReason() throws IOException {
    ActionEntry e = inspect.entryWithEmptyOutput(); // shared output: no orphan follows
    Path a = inspect.dir().actionFile(e.id());
    Files.write(a, java.util.Arrays.copyOf(Files.readAllBytes(a), 100));
    assertThat(verify().findings())
        .extracting(Finding::kind, Finding::path, Finding::found)
        .containsExactly(
            tuple(FindingKind.ENTRY_MALFORMED, a, "entry file incomplete (100 bytes)"));
  }

  @Test
  void entryNamingAnotherIdIsAnIdMismatch() throws IOException {
    ActionEntry e = inspect.entryWithEmptyOutput();
    Path a = inspect.dir().actionFile(e.id());
    String text = Files.readString(a, StandardCharsets.US_ASCII);
    char c = text.charAt(10) == '0' ? '1' : '0';
    Files.writeString(a, text.substring(0, 10) + c + text.substring(11), StandardCharsets.US_ASCII);
    assertThat(verify().findings())
        .extracting(Finding::kind, Finding::path)
        .containsExactly(tuple(FindingKind.ENTRY_ID_MISMATCH, a));
  }

  @Test
  void entryPointingAtAnotherPackagesArchiveIsABuildIdMismatch() throws IOException {
    ActionEntry plain = inspect.archiveOf("example.com/fixture/plain");
    ActionEntry cgo = inspect.archiveOf("example.com/fixture/cgo");
    Path a = inspect.dir().actionFile(plain.id());
    ActionEntry forged = new ActionEntry(plain.id(), cgo.output(), cgo.size(), plain.timeNanos());
    Files.write(a, forged.encode());
    VerifyReport r = verify();
    assertThat(r.problems())
        .extracting(Finding::kind, Finding::actionId, Finding::expected)
        .containsExactly(
            tuple(
                FindingKind.BUILDID_MISMATCH,
                plain.id(),
                "build id " + plain.id().buildIdPart() + "/…"));
    assertThat(r.problems().getFirst().found())
        .startsWith("build id " + cgo.id().buildIdPart() + "/");
    // plain's own archive is now named by no entry: information, not a problem
    assertThat(r.findings())
        .filteredOn(f -> !f.kind().isProblem())
        .extracting(Finding::kind, Finding::outputId)
        .containsExactly(tuple(FindingKind.ORPHAN_OUTPUT, plain.output()));
  }

  @Test
  void executableDirectoryWithASecondFileIsMalformed() throws IOException {
    ActionEntry exe = inspect.executable();
    Path dir = inspect.dir().outputPath(exe.output());
    Files.writeString(dir.resolve("stray"), "x");
    List<Finding> f = verify().findings();
    assertThat(f)
        .extracting(Finding::kind, Finding::path)
        .containsExactly(tuple(FindingKind.OUTPUT_DIR_MALFORMED, dir));
    assertThat(f.getFirst().found()).isEqualTo("2 entries: hello, stray");
  }

  @Test
  void informationKindsAreFoundAndAreNotProblems() throws IOException {
    ActionEntry plain = inspect.archiveOf("example.com/fixture/plain");
    ActionEntry cgo = inspect.archiveOf("example.com/fixture/cgo");
    assertThat(inspect.referrers(plain.output())).isEqualTo(1);
    Files.delete(inspect.dir().outputPath(cgo.output())); // cgo's entry now dangles
    Files.delete(inspect.dir().actionFile(plain.id())); // plain's archive is now an orphan
    Path junk = cache.resolve("3f").resolve("notes.txt");
    Files.writeString(junk, "mine");
    Path top = cache.resolve("backup.tar");
    Files.writeString(top, "x");
    VerifyReport r = verify();
    assertThat(r.hasProblems()).isFalse();
    assertThat(r.findings())
        .extracting(Finding::kind, Finding::path)
        .containsExactlyInAnyOrder(
            tuple(FindingKind.DANGLING_ACTION, inspect.dir().actionFile(cgo.id())),
            tuple(FindingKind.ORPHAN_OUTPUT, inspect.dir().outputPath(plain.output())),
            tuple(FindingKind.FOREIGN_FILE, junk),
            tuple(FindingKind.FOREIGN_FILE, top));
  }

  @Test
  void outputInTheWrongShardIsForeign() throws IOException {
    ActionEntry plain = inspect.archiveOf("example.com/fixture/plain");
    Path d = inspect.dir().outputPath(plain.output());
    String wrong = plain.output().hex().startsWith("00") ? "01" : "00";
    Path moved = cache.resolve(wrong).resolve(d.getFileName());
    Files.move(d, moved);
    assertThat(verify().findings())
        .extracting(Finding::kind, Finding::path)
        .containsExactlyInAnyOrder(
            tuple(FindingKind.DANGLING_ACTION, inspect.dir().actionFile(plain.id())),
            tuple(FindingKind.FOREIGN_FILE, moved));
  }

  @Test
  void emptyOutputIsNotMistakenForDamage() throws IOException {
    assertThat(Files.size(inspect.dir().outputPath(OutputId.EMPTY))).isZero();
    assertThat(verify().findings()).isEmpty();
  }
}
