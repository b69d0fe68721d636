package dev.gocachectl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.testing.Cli;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wrong input gets exit 2 and a message that names the thing, what was expected, what to do. */
class CliUsageTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|missing command",
        "frobnicate|Unmatched argument at index 0: 'frobnicate'",
        "verify --frob|Unknown option: '--frob'",
        "trim --cache DIR|nothing to trim by: give --max-size, --max-age or --unused-since",
        "trim --cache DIR --max-size 10X|invalid size '10X' (expected a whole number of bytes, or a number and a unit",
        "trim --cache DIR --max-age soon|invalid duration 'soon' (expected forms like 24h",
        "verify --cache DIR --jobs 0|--jobs must be at least 1, found 0",
      })
  void usageErrorsExit2WithAMessage(String args, String message) {
    String[] argv = args.isEmpty() ? new String[0] : args.replace("DIR", tmp.toString()).split(" ");
    Cli.Run r = Cli.run(argv);
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains(message).contains("--help");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aMaxAgeUnderKeepRecentSaysWhyYoungerFilesStay() {
    Cli.Run r = Cli.run("trim", "--cache", tmp.toString(), "--max-age", "1h", "--dry-run");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("--max-age 1h is under --keep-recent 1d")
        .contains("pass --keep-recent 1h to delete them too");
    Cli.Run both =
        Cli.run(
            "trim",
            "--cache",
            tmp.toString(),
            "--max-age",
            "1h",
            "--keep-recent",
            "1h",
            "--dry-run");
    assertThat(both.err()).doesNotContain("--max-age");
  }

  @Test
  void missingCacheDirectoryIsNamed() {
    Path missing = tmp.resolve("nope");
    Cli.Run r = Cli.run("stats", "--cache", missing.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err())
        .isEqualTo(
            "gocachectl stats: "
                + missing
                + ": no such cache directory; check the path (--cache, $GOCACHE), or run a go"
                + " build to create the cache\n");
  }

  @Test
  void gocacheOffSaysTheCacheIsDisabled() {
    Cli.Run r = Cli.run(Clock.systemUTC(), Map.of("GOCACHE", "off"), "verify");
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("$GOCACHE is off").contains("pass --cache DIR");
  }

  @Test
  void relativeGocacheIsRefusedLikeGoRefusesIt() {
    Cli.Run r = Cli.run(Clock.systemUTC(), Map.of("GOCACHE", "rel/cache"), "stats");
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("$GOCACHE = rel/cache is not an absolute path");
  }

  @Test
  void gocacheFromTheEnvironmentIsUsed() {
    Cli.Run r = Cli.run(Clock.systemUTC(), Map.of("GOCACHE", tmp.toString()), "stats", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"cacheDir\" : \"" + tmp + "\"");
  }

  @Test
  void helpListsTheCommands() {
    Cli.Run r = Cli.run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("stats", "verify", "repair", "trim", "health", "prog", "explain", "hits", "mod");
  }

  @Test
  void aCommandBuiltAloneStillHasItsHelpAndATypoStillGetsSuggestions() {
    Cli.Run help = Cli.run("mod", "verify", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: gocachectl mod verify");
    Cli.Run typo = Cli.run("verfy");
    assertThat(typo.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(typo.err()).contains("'verfy'").contains("Did you mean: gocachectl verify");
  }
}
