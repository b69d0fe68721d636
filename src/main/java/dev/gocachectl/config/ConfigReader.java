package dev.gocachectl.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns the tree of a config file into a {@link ServeConfig}, checking every value on the way. */
final class ConfigReader {
  private final ConfigNode root;

  ConfigReader(ConfigNode root) {
    this.root = root;
  }

  ServeConfig read() throws ConfigException {
    Section top = new Section(root, "");
    ZoneId zone = ZoneId.of("UTC");
    Optional<String> z = top.string("timeZone");
    if (z.isPresent()) {
      try {
        zone = ZoneId.of(z.get());
      } catch (DateTimeException e) {
        throw top.error(
            "timeZone", "unknown time zone \"" + z.get() + "\" (as UTC, Europe/Berlin)");
      }
    }
    Duration maxDuration = ServeConfig.DEFAULT_MAX_DURATION;
    int concurrent = ServeConfig.DEFAULT_CONCURRENT_JOBS;
    Optional<Section> limits = top.section("limits");
    if (limits.isPresent()) {
      maxDuration = limits.get().duration("maxDuration").orElse(maxDuration);
      concurrent = (int) limits.get().number("concurrentJobs", concurrent, 1, 16);
      limits.get().done();
    }
    List<String> labelNames = ServeConfig.DEFAULT_LABEL_NAMES;
    int maxValues = ServeConfig.DEFAULT_MAX_LABEL_VALUES;
    Optional<Section> labels = top.section("labels");
    if (labels.isPresent()) {
      if (labels.get().get("names").isPresent()) {
        labelNames = labels.get().strings("names");
      }
      maxValues = (int) labels.get().number("maxValues", maxValues, 1, 10_000);
      labels.get().done();
    }
    Map<String, Set<String>> names = new HashMap<>();
    List<WatchedCache> caches = caches(top, names);
    List<ModCacheTarget> modcaches = new ArrayList<>();
    for (Section s : top.sections("modcaches")) {
      String name = name(s, "modcaches", names);
      modcaches.add(new ModCacheTarget(name, s.requireDirectory("dir"), s.stringMap("env")));
      s.done();
    }
    List<Repository> repositories = new ArrayList<>();
    for (Section s : top.sections("repositories")) {
      String name = name(s, "repositories", names);
      repositories.add(new Repository(name, s.requireDirectory("dir"), s.stringMap("env")));
      s.done();
    }
    List<MirrorSet> mirrors = mirrors(top, names);
    List<RemoteTarget> remotes = new ArrayList<>();
    for (Section s : top.sections("remotes")) {
      String name = name(s, "remotes", names);
      String url = s.requireString("url");
      if (!url.matches("(redis|rediss|s3|http|https)://.+")) {
        throw s.error(
            "url", "\"" + url + "\" is not a store URL (expected redis://, s3:// or http(s)://)");
      }
      remotes.add(
          new RemoteTarget(
              name,
              url,
              s.file("verifyKeyFile").orElse(null),
              s.duration("timeout").orElse(RemoteTarget.DEFAULT_TIMEOUT)));
      s.done();
    }
    List<JobSpec> jobs = new ArrayList<>();
    Set<String> jobNames = new LinkedHashSet<>();
    for (Section s : top.sections("jobs")) {
      jobs.add(job(s, maxDuration, names, jobNames, caches));
    }
    HistoryConfig history = history(top);
    NotifyConfig notify = notify(top);
    top.done();
    return new ServeConfig(
        caches,
        labelNames,
        maxValues,
        modcaches,
        repositories,
        mirrors,
        remotes,
        jobs,
        zone,
        concurrent,
        history,
        notify);
  }

  private static List<WatchedCache> caches(Section top, Map<String, Set<String>> names)
      throws ConfigException {
    List<WatchedCache> caches = new ArrayList<>();
    for (Section s : top.sections("caches")) {
      String name = name(s, "caches", names);
      String kind = s.string("kind").orElse(WatchedCache.GOCACHE);
      if (!kind.equals(WatchedCache.GOCACHE) && !kind.equals(WatchedCache.PROG)) {
        throw s.error("kind", "expected gocache or prog, found \"" + kind + "\"");
      }
      Path dir = s.requireDirectory("dir");
      Optional<Long> budget = s.size("budget");
      Optional<Long> budgetBytes = s.size("budgetBytes");
      if (budget.isPresent() && budgetBytes.isPresent()) {
        throw s.error("budgetBytes", "give budget or budgetBytes (the older name), not both");
      }
      caches.add(new WatchedCache(name, kind, dir, budget.or(() -> budgetBytes).orElse(0L)));
      s.done();
    }
    return caches;
  }

  private static List<MirrorSet> mirrors(Section top, Map<String, Set<String>> names)
      throws ConfigException {
    List<MirrorSet> mirrors = new ArrayList<>();
    for (Section s : top.sections("mirrors")) {
      String name = name(s, "mirrors", names);
      List<String> proxies = s.strings("proxies");
      if (proxies.isEmpty()) {
        throw s.error("\"proxies\" is missing: list the mirrors' URLs to compare");
      }
      for (String p : proxies) {
        if (!p.matches("(https?|file)://.+")) {
          throw s.error("proxies", "\"" + p + "\" is not a mirror URL (expected http(s)://)");
        }
      }
      Optional<String> repository = s.string("repository");
      List<String> modules = s.strings("modules");
      if (repository.isEmpty() && modules.isEmpty()) {
        throw s.error(
            "nothing to compare: name a \"repository\" (its go.sum lists the versions) or"
                + " \"modules\"");
      }
      if (repository.isPresent()
          && !names.getOrDefault("repositories", Set.of()).contains(repository.get())) {
        throw s.error(
            "repository",
            "no repository is named \"" + repository.get() + "\" (list it under repositories)");
      }
      for (String m : modules) {
        if (!m.matches("[^@\\s]+@v[^@\\s]+")) {
          throw s.error("modules", "\"" + m + "\" is not a module path@version");
        }
      }
      mirrors.add(
          new MirrorSet(
              name,
              proxies,
              s.string("goproxy").orElse(null),
              repository.orElse(null),
              modules,
              s.stringMap("env")));
      s.done();
    }
    return mirrors;
  }

  private static JobSpec job(
      Section s,
      Duration maxDuration,
      Map<String, Set<String>> names,
      Set<String> jobNames,
      List<WatchedCache> caches)
      throws ConfigException {
    String name = s.requireString("name");
    if (!Names.valid(name)) {
      throw s.error("name", Names.rule("job name", name));
    }
    if (!jobNames.add(name)) {
      throw s.error("name", "two jobs are named \"" + name + "\"");
    }
    String kindText = s.requireString("kind");
    JobKind kind;
    try {
      kind = JobKind.of(kindText);
    } catch (IllegalArgumentException e) {
      throw s.error("kind", e.getMessage());
    }
    String scheduleText = s.requireString("schedule");
    Schedule schedule;
    try {
      schedule = Schedule.parse(scheduleText);
    } catch (IllegalArgumentException e) {
      throw s.error("schedule", e.getMessage());
    }
    Duration limit = s.duration("maxDuration").orElse(maxDuration);
    Set<String> section = names.getOrDefault(kind.section(), Set.of());
    List<String> targets = new ArrayList<>();
    for (ConfigNode t : s.list("targets")) {
      String n = t.text();
      if (n == null || t.value() == null || !section.contains(n)) {
        throw t.error(
            s.path()
                + ".targets: "
                + t.describe()
                + " names nothing in "
                + kind.section()
                + (section.isEmpty()
                    ? " (it is empty)"
                    : " (it has " + String.join(", ", section) + ")"));
      }
      targets.add(n);
    }
    if (targets.isEmpty()) {
      if (section.isEmpty()) {
        throw s.error(
            "a " + kind.id() + " job needs something in " + kind.section() + ", which is empty");
      }
      targets.addAll(section);
    }
    int shards = 1;
    RepairPolicy repair = RepairPolicy.NONE;
    long budget = 0;
    Duration keepRecent = JobSpec.DEFAULT_KEEP_RECENT;
    int sample = JobSpec.DEFAULT_SAMPLE;
    double rate = JobSpec.DEFAULT_RATE;
    if (kind.takes("shards")) {
      shards = (int) s.number("shards", 1, 1, 256);
    }
    if (kind.takes("repair")) {
      Optional<String> r = s.string("repair");
      if (r.isPresent()) {
        try {
          repair = RepairPolicy.of(r.get());
        } catch (IllegalArgumentException e) {
          throw s.error("repair", e.getMessage());
        }
      }
    }
    if (kind.takes("budget")) {
      budget = s.size("budget").orElse(0L);
    }
    if (kind.takes("keepRecent")) {
      keepRecent = s.duration("keepRecent").orElse(keepRecent);
    }
    if (kind.takes("sample")) {
      sample = (int) s.number("sample", sample, 1, 100_000);
    }
    if (kind.takes("rate")) {
      Optional<ConfigNode> r = s.get("rate");
      if (r.isPresent()) {
        if (!(r.get().value() instanceof Number n) || n.doubleValue() <= 0) {
          throw s.error("rate", "expected records per second, a number above 0");
        }
        rate = n.doubleValue();
      }
    }
    s.done();
    if (kind == JobKind.TRIM && budget == 0) {
      for (WatchedCache c : caches) {
        if (targets.contains(c.name()) && c.budgetBytes() == 0) {
          throw s.error(
              "a trim job needs a budget: give the job one, or cache " + c.name() + " its own");
        }
      }
    }
    return new JobSpec(
        name, kind, schedule, limit, targets, shards, repair, budget, keepRecent, sample, rate);
  }

  private static HistoryConfig history(Section top) throws ConfigException {
    Optional<Section> h = top.section("history");
    if (h.isEmpty()) {
      return HistoryConfig.defaults();
    }
    Section s = h.get();
    Optional<String> url = s.string("url");
    if (url.isPresent() && !url.get().matches("jdbc:sqlite:\\S+|jdbc:postgresql://\\S+")) {
      throw s.error(
          "url",
          "\""
              + url.get()
              + "\" is not a history database (expected jdbc:sqlite:FILE or"
              + " jdbc:postgresql://HOST:PORT/DATABASE?user=NAME)");
    }
    if (url.isPresent()
        && url.get().matches("(?i).*[?&]password=.*|jdbc:postgresql://[^/@]*:[^/@]*@.*")) {
      throw s.error(
          "url",
          "a password in the URL would be readable wherever the config is: put it in ~/.pgpass"
              + " or the file PGPASSFILE names");
    }
    HistoryConfig c =
        new HistoryConfig(
            url.orElse(null),
            s.duration("retention").orElse(HistoryConfig.DEFAULT_RETENTION),
            (int) s.number("runsPerJob", HistoryConfig.DEFAULT_RUNS_PER_JOB, 1, 10_000_000));
    s.done();
    return c;
  }

  private static NotifyConfig notify(Section top) throws ConfigException {
    Optional<Section> n = top.section("notify");
    if (n.isEmpty()) {
      return NotifyConfig.NONE;
    }
    Path secret = n.get().file("secretFile").orElse(null);
    List<Webhook> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    List<Section> hooks = n.get().sections("webhooks");
    for (int i = 0; i < hooks.size(); i++) {
      Section s = hooks.get(i);
      String name = s.string("name").orElse("webhook-" + (i + 1));
      if (!Names.valid(name)) {
        throw s.error("name", Names.rule("webhook name", name));
      }
      if (!seen.add(name)) {
        throw s.error("name", "two webhooks are named \"" + name + "\"");
      }
      String u = s.requireString("url");
      URI url;
      try {
        url = new URI(u);
      } catch (URISyntaxException e) {
        throw s.error("url", "\"" + u + "\" is not a URL: " + e.getReason());
      }
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())
          || url.getHost() == null) {
        throw s.error("url", "\"" + u + "\" is not an http or https URL with a host");
      }
      if (url.getRawUserInfo() != null) {
        throw s.error(
            "url", "a user or password in the URL would be logged and sent in clear: drop it");
      }
      Webhook.Kind kind;
      try {
        kind = Webhook.Kind.of(s.string("kind").orElse("generic"));
      } catch (IllegalArgumentException e) {
        throw s.error("kind", e.getMessage());
      }
      out.add(new Webhook(name, url, kind));
      s.done();
    }
    n.get().done();
    return new NotifyConfig(out, secret);
  }

  /** The entry's {@code name}, checked and unique within its section. */
  private static String name(Section s, String section, Map<String, Set<String>> names)
      throws ConfigException {
    String name = s.requireString("name");
    if (!Names.valid(name)) {
      throw s.error("name", Names.rule("name", name));
    }
    if (!names.computeIfAbsent(section, k -> new LinkedHashSet<>()).add(name)) {
      throw s.error("name", "two entries of " + section + " are named \"" + name + "\"");
    }
    return name;
  }
}
