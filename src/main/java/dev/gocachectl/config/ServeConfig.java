package dev.gocachectl.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The file of {@code serve --config}: what serve watches, the jobs it runs on them, where it keeps
 * their history and whom it tells. Read by {@link ConfigReader}; {@code gocachectl serve
 * check-config FILE} reads it the same way. Flags add caches to it.
 *
 * <h2>Format</h2>
 *
 * <p>YAML (1.1, through jackson's streaming YAML parser, so JSON is read as well: the JSON files of
 * earlier versions still work). Keys are case-sensitive; an unknown key, a value of the wrong type,
 * a bad cron line, a directory or file that does not exist, a name given twice or a job naming a
 * target that is not there is a mistake reported as {@code FILE:LINE:COLUMN: reason}. Every list
 * and section is optional. Durations are Go's ({@code 90s}, {@code 1h30m}) plus days ({@code 7d});
 * sizes a number of bytes or {@code 10GiB}, {@code 500M}. A schedule that starts with {@code @}
 * must be quoted (YAML reserves the character).
 *
 * <pre>
 * timeZone: UTC                 # the schedules' zone (default UTC)
 * limits:
 *   maxDuration: 1h             # a job's limit unless it sets its own
 *   concurrentJobs: 1           # jobs running at once (a job never overlaps itself)
 * labels:
 *   names: [repo, branch, os, arch, pipeline]
 *   maxValues: 100
 * caches:                       # GOCACHEs (kind gocache) and prog dirs (kind prog)
 *   - {name: ci, kind: gocache, dir: /var/cache/go-build, budget: 20GiB}
 *   - {name: ci-prog, kind: prog, dir: /var/cache/gocachectl/prog}
 * modcaches:
 *   - {name: ci-mod, dir: /home/ci/go/pkg/mod, env: {GOFLAGS: -mod=mod}}
 * repositories:                 # module checkouts with go.sum
 *   - {name: app, dir: /srv/checkouts/app, env: {GOPROXY: "https://proxy.golang.org"}}
 * mirrors:
 *   - name: corp
 *     proxies: [https://goproxy.corp.example, https://proxy.golang.org]
 *     goproxy: https://goproxy.corp.example,direct
 *     repository: app           # its go.sum lists the versions compared
 *     modules: [golang.org/x/text@v0.14.0]
 * remotes:
 *   - {name: shared, url: "redis://cache.internal:6379/0", verifyKeyFile: /etc/gocachectl/sign.key}
 * jobs:
 *   - {name: stats, kind: stats, schedule: "*&#47;5 * * * *"}
 *   - {name: verify, kind: verify, schedule: "0 * * * *", shards: 24, repair: none}
 *   - {name: trim, kind: trim, schedule: "30 3 * * *", targets: [ci], budget: 15GiB}
 *   - {name: modverify, kind: mod-verify, schedule: "@daily"}
 *   - {name: sumdb, kind: mod-sumdb, schedule: "0 *&#47;6 * * *"}
 *   - {name: mirrors, kind: mod-mirrors, schedule: "15 * * * *", maxDuration: 10m}
 *   - {name: scrub, kind: remote-scrub, schedule: "@hourly", sample: 200, rate: 20}
 * history:
 *   url: jdbc:postgresql://db.internal:5432/gocachectl?user=serve  # default: SQLite in --data
 *   retention: 90d              # build reports and resolved findings
 *   runsPerJob: 10000           # the newest runs kept per job
 * notify:
 *   secretFile: /etc/gocachectl/hook.key   # signs every body (HMAC-SHA256)
 *   webhooks:
 *     - {url: "https://hooks.slack.com/services/...", kind: slack}
 *     - {url: "http://alertmanager:9093/api/v2/alerts", kind: alertmanager}
 *     - {name: ops, url: "https://ops.example/hook", kind: generic}
 * </pre>
 *
 * <p>A job's {@code targets} name entries of the section its kind reads ({@link
 * JobKind#section()}); without {@code targets} it runs over all of them. Names (of caches,
 * modcaches, repositories, mirrors, remotes, jobs) are 1 to 64 letters, digits, '.', '_' or '-'.
 *
 * @param caches the GOCACHEs and prog dirs
 * @param labelNames the report labels that become Prometheus labels
 * @param maxLabelValues distinct values per label before "other"
 * @param jobs in file order
 * @param timeZone the zone the schedules are read in
 * @param concurrentJobs jobs that may run at once
 * @param history the database of runs and findings
 * @param notifications the receivers of notifications and their key
 */
public record ServeConfig(
    List<WatchedCache> caches,
    List<String> labelNames,
    int maxLabelValues,
    List<ModCacheTarget> modcaches,
    List<Repository> repositories,
    List<MirrorSet> mirrors,
    List<RemoteTarget> remotes,
    List<JobSpec> jobs,
    ZoneId timeZone,
    int concurrentJobs,
    HistoryConfig history,
    NotifyConfig notifications) {
  public static final List<String> DEFAULT_LABEL_NAMES =
      List.of("repo", "branch", "os", "arch", "pipeline");
  public static final int DEFAULT_MAX_LABEL_VALUES = 100;
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(1);
  public static final int DEFAULT_CONCURRENT_JOBS = 1;

  private static final YAMLFactory YAML = YAMLFactory.builder().build();

  public ServeConfig {
    caches = List.copyOf(caches);
    labelNames = List.copyOf(labelNames);
    modcaches = List.copyOf(modcaches);
    repositories = List.copyOf(repositories);
    mirrors = List.copyOf(mirrors);
    remotes = List.copyOf(remotes);
    jobs = List.copyOf(jobs);
  }

  /** No file: nothing watched, no jobs, the default labels and history. */
  public static ServeConfig empty() {
    return new ServeConfig(
        List.of(),
        DEFAULT_LABEL_NAMES,
        DEFAULT_MAX_LABEL_VALUES,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        ZoneId.of("UTC"),
        DEFAULT_CONCURRENT_JOBS,
        HistoryConfig.defaults(),
        NotifyConfig.NONE);
  }

  /**
   * Reads and checks a config file. A {@link ConfigException} names the file, line and column of
   * the first mistake; any other {@code IOException} says the file could not be read.
   */
  public static ServeConfig read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IOException("cannot read the config file " + file + ": " + e.getMessage(), e);
    }
    ConfigNode root;
    try (JsonParser p = YAML.createParser(text)) {
      p.nextToken();
      root = ConfigNode.read(p, file);
      if (p.nextToken() != null) {
        JsonLocation l = p.currentTokenLocation();
        throw new ConfigException(
            file, l.getLineNr(), l.getColumnNr(), "expected the end of the file: one document");
      }
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      throw new ConfigException(
          file,
          l == null ? 0 : l.getLineNr(),
          l == null ? 0 : l.getColumnNr(),
          "not valid YAML: " + oneLine(e.getOriginalMessage()));
    }
    return new ConfigReader(root).read();
  }

  /** snakeyaml's message on one line, without the excerpt of the file it quotes. */
  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (String line : s.split("\n")) {
      if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
        break; // the excerpt and its caret
      }
      b.append(b.isEmpty() ? "" : ": ").append(line.strip());
    }
    if (s.contains("'@'")) {
      b.append(" (quote a value that starts with @, as schedule: \"@daily\")");
    }
    return b.toString();
  }

  /** The job named {@code name}, or null. */
  public JobSpec job(String name) {
    return jobs.stream().filter(j -> j.name().equals(name)).findFirst().orElse(null);
  }
}
