package dev.gocachectl.trim;

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
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trim policy on a cache in Go's format whose mtimes the test sets, under a fixed clock. */
class TrimmerTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final int BODY = 10_000;

  @TempDir Path tmp;
  CacheDir dir;
  CacheWriter writer;

  @BeforeEach
  void setUp() throws IOException {
    dir = CacheDir.create(tmp.resolve("c"));
    writer = new CacheWriter(dir, CLOCK);
    Files.writeString(dir.root().resolve(CacheDir.README), "readme");
    Files.writeString(dir.root().resolve(CacheDir.TRIM_STAMP), "1");
    Files.writeString(dir.root().resolve(CacheDir.TEST_EXPIRE), "1\n");
    Files.createDirectories(dir.root().resolve("fuzz/example.com/p/FuzzX"));
    Files.writeString(dir.root().resolve("fuzz/example.com/p/FuzzX/abc"), "go test fuzz v1\n");
  }

  /** An entry with its own output, both last used {@code age} ago. */
  ActionEntry entry(String name, Duration age) throws IOException {
    byte[] body =
        (name + "\n").repeat(BODY / (name.length() + 1) + 1).getBytes(StandardCharsets.UTF_8);
    body = java.util.Arrays.copyOf(body, BODY);
    ActionEntry e = writer.put(id(name), body);
    age(dir.actionFile(e.id()), age);
    age(dir.outputPath(e.output()), age);
    return e;
  }

  static ActionId id(String name) {
    return new ActionId(Hash.sha256(name.getBytes(StandardCharsets.UTF_8)));
  }

  static void age(Path p, Duration age) throws IOException {
    Files.setLastModifiedTime(p, FileTime.from(NOW.minus(age)));
  }

  TrimReport trim(Long maxBytes, Duration maxAge, Duration keepRecent, boolean dryRun)
      throws IOException {
    TrimPolicy p =
        new TrimPolicy(
            Optional.ofNullable(maxBytes), Optional.ofNullable(maxAge), keepRecent, dryRun);
    return new Trimmer(CLOCK, 2).trim(dir, p);
  }

  boolean present(ActionEntry e) {
    return Files.exists(dir.actionFile(e.id())) && Files.exists(dir.outputPath(e.output()));
  }

  boolean gone(ActionEntry e) {
    return !Files.exists(dir.actionFile(e.id())) && !Files.exists(dir.outputPath(e.output()));
  }

  @Test
  void sizeBudgetDeletesLeastRecentlyUsedFirst() throws IOException {
    ActionEntry oldest = entry("oldest", Duration.ofDays(9));
    ActionEntry older = entry("older", Duration.ofDays(8));
    ActionEntry old = entry("old", Duration.ofDays(3));
    ActionEntry recent = entry("recent", Duration.ofHours(2));
    long perEntry = BODY + ActionEntry.SIZE;
    TrimReport r = trim(2 * perEntry, null, Duration.ofHours(1), false);
    assertThat(gone(oldest)).isTrue();
    assertThat(gone(older)).isTrue();
    assertThat(present(old)).isTrue();
    assertThat(present(recent)).isTrue();
    assertThat(r.deletedActions()).isEqualTo(2);
    assertThat(r.deletedOutputs()).isEqualTo(2);
    assertThat(r.reclaimed()).isEqualTo(2 * perEntry);
    assertThat(r.bytesAfter()).isEqualTo(2 * perEntry);
    assertThat(r.budgetMet()).isTrue();
    assertThat(r.removedActionIds()).containsExactly(oldest.id(), older.id());
  }

  @Test
  void nothingUsedWithinKeepRecentGoesWhateverTheBudget() throws IOException {
    ActionEntry a = entry("a", Duration.ofHours(30));
    ActionEntry b = entry("b", Duration.ofHours(10));
    TrimReport r = trim(0L, null, Duration.ofHours(24), false);
    assertThat(gone(a)).isTrue();
    assertThat(present(b)).isTrue();
    assertThat(r.budgetMet()).isFalse();
    assertThat(r.protectedBytes()).isEqualTo(BODY + ActionEntry.SIZE);
  }

  @Test
  void maxAgeDeletesOnlyWhatIsOlder() throws IOException {
    ActionEntry a = entry("a", Duration.ofDays(6));
    ActionEntry b = entry("b", Duration.ofDays(4));
    TrimReport r = trim(null, Duration.ofDays(5), Duration.ofHours(24), false);
    assertThat(gone(a)).isTrue();
    assertThat(present(b)).isTrue();
    assertThat(r.deletedEntries()).isEqualTo(2);
  }

  @Test
  void sharedOutputStaysUntilItsLastEntryGoes() throws IOException {
    byte[] body = new byte[BODY];
    ActionEntry old = writer.put(id("x"), body);
    ActionEntry young = writer.put(id("y"), body);
    assertThat(old.output()).isEqualTo(young.output());
    age(dir.actionFile(old.id()), Duration.ofDays(9));
    age(dir.outputPath(old.output()), Duration.ofDays(9));
    age(dir.actionFile(young.id()), Duration.ofDays(2));
    TrimReport r = trim(null, Duration.ofDays(5), Duration.ofHours(24), false);
    assertThat(dir.actionFile(old.id())).doesNotExist();
    assertThat(dir.actionFile(young.id())).exists();
    assertThat(dir.outputPath(old.output())).exists();
    assertThat(r.deletedOutputs()).isZero();
  }

  @Test
  void goOwnFilesForeignFilesAndShardsAreNeverDeleted() throws IOException {
    entry("a", Duration.ofDays(30));
    Path foreign = dir.root().resolve("3f").resolve("notes.txt");
    Files.writeString(foreign, "mine");
    age(foreign, Duration.ofDays(30));
    for (String n : new String[] {"README", "trim.txt", "testexpire.txt", "fuzz"}) {
      age(dir.root().resolve(n), Duration.ofDays(30));
    }
    trim(0L, Duration.ZERO, Duration.ZERO, false);
    assertThat(dir.root().resolve("README")).exists();
    assertThat(dir.root().resolve("trim.txt")).hasContent("1");
    assertThat(dir.root().resolve("testexpire.txt")).exists();
    assertThat(dir.root().resolve("fuzz/example.com/p/FuzzX/abc")).exists();
    assertThat(foreign).exists();
    for (Path shard : dir.shardDirs()) {
      assertThat(shard).isDirectory();
    }
  }

  @Test
  void staleTemporaryFilesOfInterruptedWritesAreRemoved() throws IOException {
    Path stale = writer.newTempFile(Hash.sha256(new byte[] {1}));
    Files.writeString(stale, "half an output");
    age(stale, Duration.ofDays(2));
    Path live = writer.newTempFile(Hash.sha256(new byte[] {2}));
    Files.writeString(live, "being written");
    entry("a", Duration.ofDays(30));
    TrimReport r = trim(null, Duration.ofDays(5), Duration.ofHours(24), false);
    assertThat(stale).doesNotExist();
    assertThat(live).exists();
    assertThat(r.deletedTemps()).isEqualTo(1);
  }

  @Test
  void dryRunDeletesNothingAndReportsTheSame() throws IOException {
    ActionEntry a = entry("a", Duration.ofDays(9));
    entry("b", Duration.ofDays(8));
    TrimReport dry = trim(BODY + 175L, null, Duration.ofHours(24), true);
    assertThat(present(a)).isTrue();
    TrimReport real = trim(BODY + 175L, null, Duration.ofHours(24), false);
    assertThat(dry.deletedEntries()).isEqualTo(real.deletedEntries()).isEqualTo(2);
    assertThat(dry.reclaimed()).isEqualTo(real.reclaimed());
    assertThat(gone(a)).isTrue();
  }

  @Test
  void secondTrimHasNothingLeftToDo() throws IOException {
    for (int i = 0; i < 10; i++) {
      entry("e" + i, Duration.ofDays(10 + i));
    }
    TrimReport first = trim(5L * (BODY + 175), null, Duration.ofHours(24), false);
    TrimReport second = trim(5L * (BODY + 175), null, Duration.ofHours(24), false);
    assertThat(first.deletedEntries()).isEqualTo(10);
    assertThat(second.deletedEntries()).isZero();
    assertThat(second.bytesBefore()).isEqualTo(first.bytesAfter());
  }

  @Test
  void fileUsedBetweenScanAndDeleteIsKept() throws IOException {
    ActionEntry a = entry("a", Duration.ofDays(9));
    ActionEntry b = entry("b", Duration.ofDays(8));
    Trimmer t =
        new Trimmer(
            CLOCK,
            1,
            () -> {
              // a go process reads b just now: go's markUsed refreshes the mtime of the entry
              Files.setLastModifiedTime(dir.actionFile(b.id()), FileTime.from(NOW));
            });
    TrimReport r =
        t.trim(dir, new TrimPolicy(Optional.of(0L), Optional.empty(), Duration.ofHours(1), false));
    assertThat(gone(a)).isTrue();
    assertThat(present(b)).isTrue();
    assertThat(r.skippedMoved()).isEqualTo(1);
  }
}
