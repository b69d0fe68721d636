package dev.gocachectl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.cache.ActionEntry;
import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheWriter;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trim --unused-since}: what a CI job used stays, allowing for go's hourly mtime refresh (an
 * entry used 30 minutes before the job is not re-stamped by go, so it must stay too); the rest
 * goes, however recent.
 */
class TrimUnusedSinceTest {
  static final Instant START = Instant.parse("2026-12-08T01:00:00Z");
  static final Instant NOW = START.plus(Duration.ofMinutes(20));
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path tmp;
  CacheDir dir;

  @BeforeEach
  void setUp() throws IOException {
    dir = CacheDir.create(tmp.resolve("c"));
  }

  ActionEntry entry(String name, Instant lastUsed) throws IOException {
    ActionEntry e =
        new CacheWriter(dir, CLOCK)
            .put(
                new ActionId(Hash.sha256(name.getBytes(StandardCharsets.UTF_8))),
                name.getBytes(StandardCharsets.UTF_8));
    Files.setLastModifiedTime(dir.actionFile(e.id()), FileTime.from(lastUsed));
    Files.setLastModifiedTime(dir.outputPath(e.output()), FileTime.from(lastUsed));
    return e;
  }

  boolean present(ActionEntry e) {
    return Files.exists(dir.actionFile(e.id())) && Files.exists(dir.outputPath(e.output()));
  }

  @Test
  void keepsWhatTheJobUsedAllowingForGosHourlyRefresh() throws IOException {
    ActionEntry usedNow = entry("used during the job", START.plusSeconds(60));
    ActionEntry notRestamped = entry("used, mtime 50 min before the job", START.minusSeconds(3000));
    ActionEntry yesterday = entry("another job's, yesterday", START.minus(Duration.ofHours(20)));
    ActionEntry twoHours = entry("unused, two hours old", START.minus(Duration.ofHours(2)));

    Cli.Run r =
        Cli.run(
            CLOCK,
            Map.of(),
            "trim",
            "--cache",
            dir.root().toString(),
            "--unused-since",
            "2026-12-08T01:00:00Z");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(present(usedNow)).isTrue();
    assertThat(present(notRestamped)).isTrue();
    assertThat(present(yesterday)).isFalse(); // the 24h --keep-recent floor does not apply
    assertThat(present(twoHours)).isFalse();
    assertThat(r.out()).contains("deleted 4 of 8 entries (2 action entries, 2 outputs)");
  }

  @Test
  void unixSecondsAndAnOffsetMeanTheSameTime() throws IOException {
    ActionEntry twoHours = entry("two hours", START.minus(Duration.ofHours(2)));
    ActionEntry recent = entry("recent", START.minusSeconds(600));
    assertThat(
            Cli.run(
                    CLOCK,
                    Map.of(),
                    "trim",
                    "--cache",
                    dir.root().toString(),
                    "--unused-since",
                    "2026-12-08T02:00:00+01:00",
                    "--dry-run")
                .out())
        .contains("would delete 2 of 4");
    Cli.Run r =
        Cli.run(
            CLOCK,
            Map.of(),
            "trim",
            "--cache",
            dir.root().toString(),
            "--unused-since",
            String.valueOf(START.getEpochSecond()));
    assertThat(r.exit()).isZero();
    assertThat(present(twoHours)).isFalse();
    assertThat(present(recent)).isTrue();
  }

  @Test
  void badTimesAreFlagErrorsThatDeleteNothing() throws IOException {
    ActionEntry old = entry("old", START.minus(Duration.ofDays(3)));
    String c = dir.root().toString();
    Cli.Run notATime =
        Cli.run(CLOCK, Map.of(), "trim", "--cache", c, "--unused-since", "yesterday");
    assertThat(notATime.exit()).isEqualTo(2);
    assertThat(notATime.err()).contains("--unused-since").contains("RFC 3339");

    Cli.Run future =
        Cli.run(CLOCK, Map.of(), "trim", "--cache", c, "--unused-since", "2026-12-09T00:00:00Z");
    assertThat(future.exit()).isEqualTo(2);
    assertThat(future.err()).contains("more than an hour after now");

    Cli.Run both =
        Cli.run(
            CLOCK,
            Map.of(),
            "trim",
            "--cache",
            c,
            "--unused-since",
            "1796700000",
            "--max-age",
            "5d");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("give one of them");
    assertThat(present(old)).isTrue();
  }
}
