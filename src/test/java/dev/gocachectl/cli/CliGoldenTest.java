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
 * Golden output of each command over a small cache in Go's format with fixed contents, mtimes and
 * clock. Paths print as {@code $CACHE} and timings as {@code <t>}. Regenerate with {@code
 * -Dgolden.update=true} and review the diff.
 */
class CliGoldenTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  @TempDir Path tmp;
  CacheDir dir;

  @BeforeEach
  void cache() throws IOException {
    dir = CacheDir.create(tmp.resolve("gocache"));
    CacheWriter w = new CacheWriter(dir, CLOCK);
    int[] ageHours = {0, 5, 30, 100, 200, 1000};
    for (int i = 0; i < ageHours.length; i++) {
      byte[] body = ("output " + i + "\n").repeat(1000 * (i + 1)).getBytes(StandardCharsets.UTF_8);
      ActionEntry e = w.put(id("action " + i), body);
      FileTime t = FileTime.from(NOW.minus(Duration.ofHours(ageHours[i])));
      Files.setLastModifiedTime(dir.actionFile(e.id()), t);
      Files.setLastModifiedTime(dir.outputPath(e.output()), t);
    }
    ActionEntry damaged = w.put(id("damaged"), "will be zeroed\n".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.outputPath(damaged.output()), new byte[15]);
    ActionEntry dangling = w.put(id("dangling"), "gone\n".getBytes(StandardCharsets.UTF_8));
    Files.delete(dir.outputPath(dangling.output()));
    Files.writeString(dir.root().resolve("trim.txt"), Long.toString(NOW.getEpochSecond() - 7200));
    Files.writeString(
        dir.root().resolve("README"), "This directory holds cached build artifacts\n");
    Files.writeString(dir.root().resolve("notes.txt"), "not go's");
    for (Path p :
        new Path[] {
          dir.actionFile(damaged.id()),
          dir.outputPath(damaged.output()),
          dir.actionFile(dangling.id())
        }) {
      Files.setLastModifiedTime(p, FileTime.from(NOW.minus(Duration.ofHours(3))));
    }
  }

  static ActionId id(String s) {
    return new ActionId(Hash.sha256(s.getBytes(StandardCharsets.UTF_8)));
  }

  String run(int expectedExit, String... args) {
    String[] argv = new String[args.length + 2];
    System.arraycopy(args, 0, argv, 0, args.length);
    argv[args.length] = "--cache";
    argv[args.length + 1] = dir.root().toString();
    Cli.Run r = Cli.run(CLOCK, Map.of(), argv);
    assertThat(r.exit()).as(r.err()).isEqualTo(expectedExit);
    return r.out()
        .replace(dir.root().toString(), "$CACHE")
        .replaceAll("in \\d+\\.\\d+s \\([^)]*/s\\)", "in <t>")
        .replaceAll("\"seconds\" : [0-9.E-]+", "\"seconds\" : <t>")
        .replaceAll("\"bytesPerSecond\" : \\d+", "\"bytesPerSecond\" : <t>");
  }

  static void golden(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, actual);
    }
    assertThat(file).as("golden file; create it with -Dgolden.update=true and review it").exists();
    assertThat(actual).isEqualTo(Files.readString(file));
  }

  @Test
  void stats() throws IOException {
    golden("stats.txt", run(0, "stats"));
  }

  @Test
  void statsJson() throws IOException {
    golden("stats.json", run(0, "stats", "--json"));
  }

  @Test
  void verify() throws IOException {
    golden("verify.txt", run(1, "verify", "--settle", "0"));
  }

  @Test
  void verifyVerbose() throws IOException {
    golden("verify-verbose.txt", run(1, "verify", "--settle", "0", "-v"));
  }

  @Test
  void verifyJson() throws IOException {
    golden("verify.json", run(1, "verify", "--settle", "0", "--json"));
  }

  @Test
  void trimDryRun() throws IOException {
    golden(
        "trim-dry-run.txt",
        run(0, "trim", "--dry-run", "--max-size", "30k", "--keep-recent", "1h"));
  }

  @Test
  void trimJson() throws IOException {
    golden("trim.json", run(0, "trim", "--max-age", "5d", "--json"));
  }

  @Test
  void repairDryRun() throws IOException {
    golden("repair-dry-run.txt", run(1, "repair", "--dry-run", "--settle", "0"));
  }
}
