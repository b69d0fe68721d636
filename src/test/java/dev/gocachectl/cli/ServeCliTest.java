package dev.gocachectl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** serve and report push on the command line: help, and bad input named with exit code 2. */
class ServeCliTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({"serve", "serve check-config", "report", "report push"})
  void everyCommandAnswersHelp(String command) {
    String[] args = (command + " --help").split(" ");
    Cli.Run r = Cli.run(args);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: gocachectl " + command);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "serve --data DIR/d --listen nowhere|--listen nowhere: expected HOST:PORT",
        "serve --data DIR/d --listen 127.0.0.1:99999|expected HOST:PORT",
        "serve --data DIR/no/such/d|neither it nor its parent is a directory",
        "serve --data DIR/d --cache ci|--cache ci: expected NAME=VALUE",
        "serve --data DIR/d --cache ci=DIR/missing|is not a directory",
        "serve --data DIR/d --budget ci=lots|--budget ci=lots: invalid size",
        "report push --dir DIR|--to URL is needed",
        "report push --dir DIR --to ftp://x|not a URL of gocachectl serve",
        "report push --dir DIR/missing --to http://127.0.0.1:1|not a directory",
      })
  void badInputExits2NamingIt(String args, String message) {
    Cli.Run r = Cli.run(args.replace("DIR", tmp.toString()).split(" "));
    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains(message);
  }

  @Test
  void aConfigMistakeIsNamedWithItsLine() throws Exception {
    Path cfg = tmp.resolve("serve.json");
    Files.writeString(cfg, "{\n  \"caches\": [],\n  \"lables\": {}\n}\n");
    Cli.Run r = Cli.run("serve", "--data", tmp.resolve("d").toString(), "--config", cfg.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains(cfg + ":3:").contains("unknown key \"lables\"");
  }

  @Test
  void checkConfigNamesTheLineOfABadScheduleWithExit2() throws Exception {
    Path cfg = tmp.resolve("serve.yaml");
    Files.writeString(
        cfg,
        "caches:\n  - {name: ci, dir: "
            + tmp
            + "}\njobs:\n  - name: verify\n    kind: verify\n    schedule: \"0 3 * *\"\n");
    Cli.Run r = Cli.run("serve", "check-config", cfg.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err())
        .startsWith("gocachectl serve check-config: " + cfg + ":6:15: jobs[0].schedule: ")
        .contains("is not a cron schedule");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void checkConfigPrintsWhatServeWouldRunWithExit0() throws Exception {
    Path cfg = tmp.resolve("serve.yaml");
    Files.writeString(
        cfg,
        "caches:\n  - {name: ci, dir: "
            + tmp
            + ", budget: 1GiB}\njobs:\n  - {name: trim, kind: trim, schedule: \"30 3 * * *\"}\n"
            + "notify:\n  webhooks:\n    - {url: \"https://hooks.example/T/B/SECRET\", kind: slack}\n");
    Cli.Run r =
        Cli.run(
            java.time.Clock.fixed(
                java.time.Instant.parse("2026-12-08T01:00:00Z"), java.time.ZoneOffset.UTC),
            java.util.Map.of(),
            "serve",
            "check-config",
            cfg.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(cfg + ": ok")
        .contains("cache       ci (gocache) " + tmp + ", budget 1.0 GiB")
        .contains("job         trim: trim of ci, \"30 3 * * *\" (next 2026-12-08T03:30Z[UTC])")
        .contains("webhook     webhook-1 slack https://hooks.example/...")
        .doesNotContain("SECRET"); // a Slack webhook's path is its credential
  }
}
