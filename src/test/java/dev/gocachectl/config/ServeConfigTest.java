package dev.gocachectl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** serve's config file: every section read, and every mistake named with its line and column. */
class ServeConfigTest {
  @TempDir Path tmp;
  private Path cache;
  private Path prog;
  private Path mod;
  private Path repo;
  private Path key;

  @BeforeEach
  void dirs() throws IOException {
    cache = Files.createDirectories(tmp.resolve("cache"));
    prog = Files.createDirectories(tmp.resolve("prog"));
    mod = Files.createDirectories(tmp.resolve("mod"));
    repo = Files.createDirectories(tmp.resolve("repo"));
    key = Files.writeString(tmp.resolve("hook.key"), "secret\n");
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(tmp.resolve("serve.yaml"), yaml.replace("TMP", tmp.toString()));
  }

  private static final String FULL =
      """
      timeZone: Europe/Berlin
      limits:
        maxDuration: 2h
        concurrentJobs: 2
      labels:
        names: [repo, os]
        maxValues: 20
      caches:
        - {name: ci, kind: gocache, dir: TMP/cache, budget: 1GiB}
        - name: ci-prog
          kind: prog
          dir: TMP/prog
      modcaches:
        - {name: m, dir: TMP/mod, env: {GOFLAGS: -mod=mod}}
      repositories:
        - {name: app, dir: TMP/repo, env: {GOSUMDB: off}}
      mirrors:
        - name: corp
          proxies: [http://127.0.0.1:1/a, http://127.0.0.1:1/b]
          goproxy: http://127.0.0.1:1/a,direct
          repository: app
          modules: [golang.org/x/text@v0.14.0]
      remotes:
        - {name: shared, url: "redis://127.0.0.1:6379/0", timeout: 5s}
      jobs:
        - {name: stats, kind: stats, schedule: "*/5 * * * *"}
        - {name: verify, kind: verify, schedule: "0 * * * *", shards: 24, repair: remove,
           targets: [ci], maxDuration: 30m}
        - {name: trim, kind: trim, schedule: "@daily", keepRecent: 2h, targets: [ci]}
        - {name: modverify, kind: mod-verify, schedule: "@weekly"}
        - {name: sumdb, kind: mod-sumdb, schedule: "0 */6 * * *"}
        - {name: mirrors, kind: mod-mirrors, schedule: "15 * * * 1-5"}
        - {name: scrub, kind: remote-scrub, schedule: "@hourly", sample: 50, rate: 2.5}
      history:
        url: jdbc:postgresql://127.0.0.1:5432/gocachectl?user=serve
        retention: 30d
        runsPerJob: 500
      notify:
        secretFile: TMP/hook.key
        webhooks:
          - {url: "https://hooks.example/T/B/x", kind: slack}
          - {name: ops, url: "http://127.0.0.1:9/hook"}
      """;

  @Test
  void readsEverySection() throws IOException {
    ServeConfig c = ServeConfig.read(write(FULL));
    assertThat(c.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(c.concurrentJobs()).isEqualTo(2);
    assertThat(c.labelNames()).containsExactly("repo", "os");
    assertThat(c.maxLabelValues()).isEqualTo(20);
    assertThat(c.caches())
        .containsExactly(
            new WatchedCache("ci", "gocache", cache, 1L << 30),
            new WatchedCache("ci-prog", "prog", prog, 0));
    assertThat(c.modcaches())
        .containsExactly(new ModCacheTarget("m", mod, java.util.Map.of("GOFLAGS", "-mod=mod")));
    assertThat(c.repositories().getFirst().dir()).isEqualTo(repo);
    // YAML 1.1 reads off as false: an env value is taken as written
    assertThat(c.repositories().getFirst().env()).containsEntry("GOSUMDB", "off");
    assertThat(c.mirrors().getFirst().proxies()).hasSize(2);
    assertThat(c.mirrors().getFirst().repository()).isEqualTo("app");
    assertThat(c.remotes().getFirst().timeout()).isEqualTo(Duration.ofSeconds(5));

    JobSpec stats = c.job("stats");
    assertThat(stats.targets()).containsExactly("ci", "ci-prog"); // all of the section
    assertThat(stats.maxDuration()).isEqualTo(Duration.ofHours(2)); // limits.maxDuration
    JobSpec verify = c.job("verify");
    assertThat(verify.kind()).isEqualTo(JobKind.VERIFY);
    assertThat(verify.targets()).containsExactly("ci");
    assertThat(verify.shards()).isEqualTo(24);
    assertThat(verify.repair()).isEqualTo(RepairPolicy.REMOVE);
    assertThat(verify.maxDuration()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.job("trim").keepRecent()).isEqualTo(Duration.ofHours(2));
    assertThat(c.job("modverify").targets()).containsExactly("m");
    assertThat(c.job("sumdb").targets()).containsExactly("app");
    assertThat(c.job("mirrors").targets()).containsExactly("corp");
    JobSpec scrub = c.job("scrub");
    assertThat(scrub.sample()).isEqualTo(50);
    assertThat(scrub.ratePerSecond()).isEqualTo(2.5);

    assertThat(c.history().postgres()).isTrue();
    assertThat(c.history().retention()).isEqualTo(Duration.ofDays(30));
    assertThat(c.history().runsPerJob()).isEqualTo(500);
    assertThat(c.notifications().webhooks()).hasSize(2);
    assertThat(c.notifications().webhooks().get(0).name()).isEqualTo("webhook-1");
    assertThat(c.notifications().webhooks().get(0).kind()).isEqualTo(Webhook.Kind.SLACK);
    assertThat(c.notifications().webhooks().get(1).kind()).isEqualTo(Webhook.Kind.GENERIC);
    assertThat(c.notifications().secretFile()).isEqualTo(key);
  }

  @Test
  void theJsonOfEarlierVersionsIsStillRead() throws IOException {
    ServeConfig c =
        ServeConfig.read(
            write(
                """
                {"caches": [{"name": "ci", "kind": "gocache", "dir": "TMP/cache", "budgetBytes": 100}],
                 "labels": {"names": ["repo"], "maxValues": 10}}
                """));
    assertThat(c.caches()).containsExactly(new WatchedCache("ci", "gocache", cache, 100));
    assertThat(c.labelNames()).containsExactly("repo");
    assertThat(c.jobs()).isEmpty();
    assertThat(c.history()).isEqualTo(HistoryConfig.defaults());
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // yaml (\\n between lines) | line:column | what the message says
        "caches:\\n  - {name: ci, dir: TMP/cache, budgte: 1G}|2:|unknown key \"budgte\" in caches[0]",
        "caches:\\n  - name: ci\\n    dir: TMP/nope|3:10|caches[0].dir: TMP/nope is not a directory (it does not exist)",
        "caches:\\n  - name: ci|2:5|caches[0]: \"dir\" is missing",
        "caches:\\n  - {name: ci, dir: TMP/cache}\\njobs:\\n  - name: v\\n    kind: verify\\n    schedule: \"0 25 * * *\"|6:15|jobs[0].schedule: \"0 25 * * *\" is not a cron schedule",
        "caches:\\n  - {name: ci, dir: TMP/cache}\\njobs:\\n  - {name: v, kind: verify, schedule: \"* * *\"}|4:39|is not a cron schedule",
        "caches:\\n  - {name: ci, dir: TMP/cache}\\njobs:\\n  - {name: v, kind: verify, schedule: \"@reboot\"}|4:39|unknown nickname @reboot",
        "caches:\\n  - {name: ci, dir: TMP/cache}\\njobs:\\n  - {name: v, kind: verifyy, schedule: \"@daily\"}|4:21|unknown job kind \"verifyy\"",
        "caches:\\n  - {name: ci, dir: TMP/cache}\\njobs:\\n  - {name: v, kind: verify, schedule: \"@daily\", targets: [ci, cj]}|4:63|\"cj\" names nothing in caches (it has ci)",
        "caches:\\n  - {name: ci, dir: TMP/cache}\\njobs:\\n  - {name: v, kind: stats, schedule: \"@daily\", shards: 3}|4:48|unknown key \"shards\" in jobs[0]",
        "caches:\\n  - {name: ci, dir: TMP/cache}\\njobs:\\n  - {name: v, kind: trim, schedule: \"@daily\"}|4:5|a trim job needs a budget",
        "caches:\\n  - {name: ci, dir: TMP/cache}\\njobs:\\n  - {name: v, kind: verify, schedule: \"@daily\", shards: 0}|4:57|expected a whole number from 1 to 256",
        "caches:\\n  - {name: ci, dir: TMP/cache}\\njobs:\\n  - {name: v, kind: verify, schedule: \"@daily\", maxDuration: soon}|4:62|\"soon\" is not a duration",
        "jobs:\\n  - {name: v, kind: mod-sumdb, schedule: \"@daily\"}|2:5|needs something in repositories, which is empty",
        "caches:\\n  - {name: ci, dir: TMP/cache}\\n  - {name: ci, dir: TMP/cache}|3:12|two entries of caches are named \"ci\"",
        "caches:\\n  - {name: \"a b\", dir: TMP/cache}|2:12|must be 1 to 64 letters",
        "caches:\\n  - {name: ci, dir: TMP/cache}\\ncaches: []|3:1|\"caches\" is given twice (first at line 1)",
        "history:\\n  url: mysql://x/y|2:8|is not a history database",
        "history:\\n  url: jdbc:postgresql://db/h?user=u&password=pw|2:8|put it in ~/.pgpass",
        "history:\\n  runsPerJob: 0|2:15|history.runsPerJob: expected a whole number from 1",
        "notify:\\n  webhooks:\\n    - {url: \"ftp://x/y\"}|3:13|is not an http or https URL",
        "notify:\\n  webhooks:\\n    - {url: \"http://x/y\", kind: teams}|3:33|unknown webhook kind \"teams\"",
        "notify:\\n  hooks: []|2:3|unknown key \"hooks\" in notify (expected secretFile, webhooks)",
        "notify:\\n  webhooks:\\n    - {url: \"http://u:p@x/y\"}|3:13|a user or password in the URL",
        "mirrors:\\n  - {name: m, proxies: [http://x/a], repository: app}|2:50|no repository is named \"app\"",
        "remotes:\\n  - {name: r, url: \"ftp://x\"}|2:20|is not a store URL",
        "timeZone: Mars/Olympus|1:11|unknown time zone",
        "jobs: [|1:8|not valid YAML",
        "jobs:\\n  - {name: s, kind: stats, schedule: @daily}|2:3|quote a value that starts with @",
        "caches: 3|1:9|caches: expected a list, found the number 3",
        "- a\\n- b|1:1|the config: expected a mapping of keys, found a list",
      })
  void aMistakeIsNamedWithItsLineAndColumn(String yaml, String where, String message)
      throws IOException {
    Path f = write(yaml.replace("\\n", "\n"));
    assertThatThrownBy(() -> ServeConfig.read(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(f + ":" + where)
        .hasMessageContaining(message.replace("TMP", tmp.toString()));
  }

  @Test
  void schedulesFollowCrontab() {
    ZonedDateTime at = ZonedDateTime.of(2026, 12, 8, 1, 17, 30, 0, ZoneId.of("UTC"));
    assertThat(Schedule.parse("*/5 * * * *").next(at)).contains(at.withMinute(20).withSecond(0));
    assertThat(Schedule.parse("@daily").next(at))
        .contains(at.plusDays(1).withHour(0).withMinute(0).withSecond(0));
    assertThat(Schedule.parse("@hourly").next(at))
        .contains(at.withHour(2).withMinute(0).withSecond(0));
    // 2026-12-08 is a Tuesday: the next Sunday midnight is the 13th
    assertThat(Schedule.parse("@weekly").next(at))
        .contains(ZonedDateTime.of(2026, 12, 13, 0, 0, 0, 0, ZoneId.of("UTC")));
    assertThat(Schedule.parse("30 3 * * 1-5").next(at))
        .contains(ZonedDateTime.of(2026, 12, 8, 3, 30, 0, 0, ZoneId.of("UTC")));
    // crontab(5): when both day fields are restricted, either matching is enough
    assertThat(Schedule.parse("0 0 13 * 3").next(at))
        .contains(ZonedDateTime.of(2026, 12, 9, 0, 0, 0, 0, ZoneId.of("UTC")));
  }
}
