package dev.gocachectl.page;

import dev.gocachectl.units.ByteSize;
import dev.gocachectl.units.Durations;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * serve's pages, rendered from a {@link PageModel} on the server (HTML and inline SVG, no script):
 *
 * <ul>
 *   <li>{@code /}: the fleet's hit rate over time by label and by runner, misses by cause with what
 *       to do, the remote tiers' health, cache sizes against budgets, the last run of every job,
 *       the open findings, the module supply chain and the newest builds.
 *   <li>{@code /runners}: the runners, their hit rates and their newest builds.
 *   <li>{@code /jobs/NAME}: one job's last runs and open findings.
 * </ul>
 *
 * <p>Every string is written through {@link Html}, which escapes it; the headers that go with a
 * page are {@link #HEADERS}.
 */
public final class Pages {
  /**
   * The response headers of every page: no script, no plugin, no frame, no request elsewhere; only
   * the page's own inline style and data images.
   */
  public static final List<String[]> HEADERS =
      List.of(
          new String[] {"Content-Type", "text/html; charset=utf-8"},
          new String[] {
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
                + " form-action 'none'; frame-ancestors 'none'"
          },
          new String[] {"X-Content-Type-Options", "nosniff"},
          new String[] {"X-Frame-Options", "DENY"},
          new String[] {"Referrer-Policy", "no-referrer"});

  /** A job name as it may appear in {@code /jobs/NAME}; anything else is not looked up. */
  public static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** The longest string shown from a report or a finding; longer ones are cut, with an ellipsis. */
  static final int MAX_TEXT = 300;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final String STYLE =
      """
      body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f8fa}
      header{background:#24292f;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:baseline}
      header a{color:#cfe3ff;text-decoration:none}
      header h1{font-size:18px;margin:0}
      main{padding:8px 24px 32px;max-width:1200px}
      section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px 16px;margin:14px 0}
      h2{font-size:16px;margin:6px 0 8px}
      table{border-collapse:collapse;width:100%}
      th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
      .big{font-size:28px;font-weight:600}
      .bad{color:#b42318;font-weight:600}
      .ok{color:#1a7f37}
      .muted{color:#57606a}
      .chart line.grid{stroke:#d0d7de;stroke-width:1}
      .chart text{font-size:11px;fill:#57606a;stroke:none}
      .chart g.tip rect{fill:transparent;stroke:none}
      ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:4px 18px;margin:4px 0 10px}
      code,.mono{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
      meter{width:160px}
      """;

  private Pages() {}

  /** {@code /}. */
  public static String overview(PageModel m) {
    Html h = page("gocachectl serve", "/");
    fleet(h, m);
    h.open("section", "id", "hit-rate");
    h.el("h2", "Hit rate over time");
    if (m.byLabel().isEmpty() && m.byRunner().series().isEmpty()) {
      h.el(
          "p", "No build reports yet: run go with prog --report-to this server.", "class", "muted");
    }
    for (PageModel.RateChart c : m.byLabel()) {
      h.el("h3", "by " + c.dimension());
      RateChartSvg.write(h, c, "chart-" + c.dimension());
    }
    if (!m.byRunner().series().isEmpty()) {
      h.open("h3").text("by runner (").el("a", "all runners", "href", "/runners").text(")").close();
      RateChartSvg.write(h, m.byRunner(), "chart-runner");
    }
    h.close();
    misses(h, m);
    tiers(h, m);
    caches(h, m);
    jobs(h, m.jobs(), "Jobs: last runs");
    findings(h, m.findings());
    supply(h, m);
    recent(h, m.recent(), "Newest builds");
    return end(h, m);
  }

  /** {@code /runners}. */
  public static String runners(PageModel m) {
    Html h = page("Runners — gocachectl serve", "/runners");
    h.open("section", "id", "runners");
    h.el("h2", "Runners");
    if (m.byRunner().series().isEmpty()) {
      h.el(
          "p",
          "No report names a runner: give prog --label runner=NAME (or CI variables).",
          "class",
          "muted");
    } else {
      RateChartSvg.write(h, m.byRunner(), "chart-runner");
      h.open("table", "id", "runner-table").open("thead").open("tr");
      h.el("th", "runner").el("th", "lookups", "class", "n").el("th", "hits", "class", "n");
      h.el("th", "hit rate", "class", "n").close().close().open("tbody");
      for (PageModel.RateSeries s : m.byRunner().series()) {
        h.open("tr", "data-runner", s.name());
        h.el("td", clip(s.name()), "class", "mono");
        h.el("td", s.gets(), "class", "n").el("td", s.hits(), "class", "n");
        h.el("td", percent(s.hits(), s.gets()), "class", "n").close();
      }
      h.close().close();
    }
    h.close();
    recent(h, m.recent(), "Newest builds");
    return end(h, m);
  }

  /**
   * {@code /jobs/NAME}: the job's {@code runs} (newest first, from the history), else its last run
   * per target on the first page; empty when no job has that name.
   */
  public static Optional<String> job(PageModel m, String name, List<PageModel.JobRun> runs) {
    List<PageModel.JobRun> shown =
        runs.isEmpty() ? m.jobs().stream().filter(r -> r.job().equals(name)).toList() : runs;
    if (shown.isEmpty()) {
      return Optional.empty();
    }
    Html h = page("Job " + name + " — gocachectl serve", "/jobs/" + name);
    jobs(
        h,
        shown,
        runs.isEmpty()
            ? "Job " + name + ": last run of each target"
            : "Job " + name + ": runs, newest first");
    findings(h, m.findings().stream().filter(f -> f.job().equals(name)).toList());
    return Optional.of(end(h, m));
  }

  /** A 404 page, naming what was asked for (escaped like everything else). */
  public static String notFound(String path) {
    Html h = page("Not found — gocachectl serve", "");
    h.open("section").el("h2", "Not found");
    h.open("p").text("Nothing at ").el("code", clip(path)).text(". The pages are ");
    h.el("a", "/", "href", "/").text(", ").el("a", "/runners", "href", "/runners");
    h.text(" and /jobs/NAME for each job on the first page.").close().close();
    h.close().close().close();
    return h.finish();
  }

  private static Html page(String title, String here) {
    Html h = new Html().doctype();
    h.open("html", "lang", "en").open("head");
    h.open("meta", "charset", "utf-8");
    h.open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    h.el("title", title).el("style", STYLE).close();
    h.open("body").open("header").el("h1", "gocachectl serve").open("nav");
    h.el("a", "Overview", "href", "/", "class", here.equals("/") ? "here" : "");
    h.text(" · ").el("a", "Runners", "href", "/runners");
    h.text(" · ").el("a", "Metrics", "href", "/metrics");
    h.text(" · ").el("a", "Reports (JSON)", "href", "/api/reports");
    h.close().close().open("main");
    return h;
  }

  private static String end(Html h, PageModel m) {
    h.open("footer", "class", "muted").text("Generated " + time(m.generated()) + " UTC.").close();
    h.close().close().close();
    return h.finish();
  }

  private static void fleet(Html h, PageModel m) {
    PageModel.Fleet f = m.fleet();
    h.open("section", "id", "fleet").el("h2", "Fleet");
    h.open("p");
    h.el("span", percent(f.hits(), f.gets()), "class", "big", "id", "fleet-hit-rate");
    h.text(" of ").el("strong", f.gets(), "id", "fleet-gets").text(" lookups hit (");
    h.el("span", f.remoteHits(), "id", "fleet-remote-hits").text(" from a remote tier), over ");
    h.el("strong", f.reports(), "id", "fleet-reports").text(" go commands reported.");
    h.close().close();
  }

  private static void misses(Html h, PageModel m) {
    h.open("section", "id", "misses").el("h2", "Misses by cause");
    long total = m.misses().stream().mapToLong(PageModel.MissCause::count).sum();
    h.open("table").open("thead").open("tr").el("th", "cause").el("th", "misses", "class", "n");
    h.el("th", "share", "class", "n").el("th", "what to do").close().close().open("tbody");
    for (PageModel.MissCause c : m.misses()) {
      h.open("tr", "data-cause", c.cause()).el("td", c.cause(), "class", "mono");
      h.el("td", c.count(), "class", "n").el("td", percent(c.count(), total), "class", "n");
      h.open("td").text(c.remedy());
      if (!c.likely().isEmpty()) {
        h.open("details").el("summary", "what commonly makes keys differ between runners");
        h.open("ul");
        for (PageModel.Hint x : c.likely()) {
          h.open("li").el("strong", x.name()).text(": " + x.remedy()).close();
        }
        h.close().close();
      }
      h.close().close();
    }
    h.close().close().close();
  }

  private static void tiers(Html h, PageModel m) {
    h.open("section", "id", "tiers").el("h2", "Remote tiers");
    if (m.tiers().isEmpty()) {
      h.el("p", "No report used a remote tier.", "class", "muted").close();
      return;
    }
    h.open("table").open("thead").open("tr").el("th", "tier").el("th", "lookups", "class", "n");
    h.el("th", "hit rate", "class", "n").el("th", "errors", "class", "n");
    h.el("th", "timeouts", "class", "n").el("th", "bad bodies", "class", "n");
    h.el("th", "uploads failed/dropped", "class", "n").el("th", "breaker").close().close();
    h.open("tbody");
    for (PageModel.Tier t : m.tiers()) {
      h.open("tr", "data-tier", t.tier()).el("td", t.tier(), "class", "mono");
      h.el("td", t.lookups(), "class", "n");
      h.el("td", percent(t.hits(), t.lookups()), "class", "n");
      h.el("td", t.errors(), "class", t.errors() > 0 ? "n bad" : "n");
      h.el("td", t.timeouts(), "class", t.timeouts() > 0 ? "n bad" : "n");
      long bad = t.verifyFailed() + t.rejected();
      h.el("td", bad, "class", bad > 0 ? "n bad" : "n");
      h.el("td", t.uploadsFailed() + " / " + t.uploadsDropped(), "class", "n");
      h.el(
          "td",
          (t.breakerOpenNow() ? "open" : "closed")
              + (t.breakerOpenCommands() > 0
                  ? " (open during " + t.breakerOpenCommands() + " go commands)"
                  : ""),
          "class",
          t.breakerOpenNow() ? "bad breaker" : "breaker");
      h.close();
    }
    h.close().close().close();
  }

  private static void caches(Html h, PageModel m) {
    h.open("section", "id", "caches").el("h2", "Caches");
    if (m.caches().isEmpty()) {
      h.el("p", "serve watches no cache (serve --config: caches).", "class", "muted").close();
      return;
    }
    h.open("table").open("thead").open("tr").el("th", "cache").el("th", "kind");
    h.el("th", "size", "class", "n").el("th", "budget", "class", "n").el("th", "");
    h.el("th", "entries", "class", "n").el("th", "disk free", "class", "n").el("th", "refreshed");
    h.close().close().open("tbody");
    for (PageModel.CacheState c : m.caches()) {
      h.open("tr", "data-cache", c.name()).open("td").el("strong", c.name());
      h.open("div").el("code", clip(c.dir())).close().close();
      h.el("td", c.kind());
      if (!c.up()) {
        h.el("td", "cannot read: " + clip(c.error()), "class", "bad", "colspan", "5");
      } else {
        boolean over = c.budgetBytes() > 0 && c.sizeBytes() > c.budgetBytes();
        h.el("td", bytes(c.sizeBytes()), "class", over ? "n bad size" : "n size");
        h.el("td", c.budgetBytes() > 0 ? bytes(c.budgetBytes()) : "none", "class", "n");
        h.open("td");
        if (c.budgetBytes() > 0) {
          h.el(
              "meter",
              percent(c.sizeBytes(), c.budgetBytes()),
              "min",
              "0",
              "max",
              Long.toString(c.budgetBytes()),
              "high",
              Long.toString(c.budgetBytes() * 9 / 10),
              "value",
              Long.toString(Math.min(c.sizeBytes(), c.budgetBytes())));
          h.text(" " + percent(c.sizeBytes(), c.budgetBytes()) + (over ? " (over budget)" : ""));
        }
        h.close();
        h.el("td", c.entries(), "class", "n");
        h.el(
            "td",
            bytes(c.freeBytes()) + " of " + bytes(c.diskBytes()),
            "class",
            c.diskBytes() > 0 && c.freeBytes() < c.diskBytes() / 10 ? "n bad" : "n");
      }
      h.el("td", c.refreshed() == null ? "not yet" : time(c.refreshed()));
      h.close();
    }
    h.close().close().close();
  }

  private static void jobs(Html h, List<PageModel.JobRun> runs, String title) {
    h.open("section", "id", "jobs").el("h2", title);
    if (runs.isEmpty()) {
      h.el("p", "No job has run yet.", "class", "muted").close();
      return;
    }
    h.open("table").open("thead").open("tr").el("th", "job").el("th", "target");
    h.el("th", "finished (UTC)").el("th", "took", "class", "n").el("th", "outcome");
    h.el("th", "summary").close().close().open("tbody");
    for (PageModel.JobRun r : runs) {
      h.open("tr", "data-job", r.job(), "data-target", r.target());
      h.open("td").el("a", r.job(), "href", "/jobs/" + r.job()).close();
      h.el("td", clip(r.target()), "class", "mono");
      h.el("td", r.finished() == null ? "never" : time(r.finished()));
      h.el("td", r.took() == null ? "" : Durations.format(r.took()), "class", "n");
      h.el("td", r.outcome(), "class", r.outcome().equals("ok") ? "ok outcome" : "bad outcome");
      h.el("td", clip(r.summary())).close();
    }
    h.close().close().close();
  }

  private static void findings(Html h, List<PageModel.OpenFinding> findings) {
    h.open("section", "id", "findings").el("h2", "Open findings");
    if (findings.isEmpty()) {
      h.el("p", "None.", "class", "ok").close();
      return;
    }
    h.open("table").open("thead").open("tr").el("th", "finding").el("th", "where");
    h.el("th", "state").el("th", "since (UTC)").el("th", "count", "class", "n");
    h.el("th", "what to do").close().close().open("tbody");
    for (PageModel.OpenFinding f : findings) {
      h.open("tr", "data-finding", f.kind());
      h.open("td").el("strong", f.kind(), "class", "bad");
      if (f.detail() != null && !f.detail().isEmpty()) {
        h.open("div").el("code", clip(f.detail())).close();
      }
      h.close();
      h.open("td").text(f.job() + " of ").el("code", clip(f.target())).close();
      h.el("td", f.state()).el("td", f.since() == null ? "" : time(f.since()));
      h.el("td", f.count(), "class", "n").el("td", clip(f.remedy())).close();
    }
    h.close().close().close();
  }

  private static void supply(Html h, PageModel m) {
    h.open("section", "id", "supply").el("h2", "Module supply chain");
    if (m.supply().isEmpty()) {
      h.el(
              "p",
              "No job checks a checksum database or a mirror (mod sumdb, mod mirrors).",
              "class",
              "muted")
          .close();
      return;
    }
    h.open("table").open("thead").open("tr").el("th", "subject").el("th", "what");
    h.el("th", "state").el("th", "checked (UTC)").close().close().open("tbody");
    for (PageModel.SupplyRow r : m.supply()) {
      h.open("tr").el("td", clip(r.subject()), "class", "mono").el("td", clip(r.what()));
      h.el("td", clip(r.state()), "class", r.ok() ? "ok" : "bad");
      h.el("td", r.checked() == null ? "" : time(r.checked())).close();
    }
    h.close().close().close();
  }

  private static void recent(Html h, List<PageModel.RecentBuild> builds, String title) {
    h.open("section", "id", "recent").el("h2", title);
    if (builds.isEmpty()) {
      h.el("p", "None yet.", "class", "muted").close();
      return;
    }
    h.open("table").open("thead").open("tr").el("th", "time (UTC)").el("th", "command");
    h.el("th", "labels").el("th", "runner").el("th", "lookups", "class", "n");
    h.el("th", "hit rate", "class", "n").close().close().open("tbody");
    for (PageModel.RecentBuild b : builds) {
      h.open("tr", "class", "build").el("td", time(b.time()));
      h.el("td", clip(b.command()), "class", "mono command");
      h.el("td", clip(b.labels()), "class", "mono labels");
      h.el("td", clip(b.runner()), "class", "mono runner");
      h.el("td", b.gets(), "class", "n").el("td", percent(b.hits(), b.gets()), "class", "n");
      h.close();
    }
    h.close().close().close();
  }

  /** {@code 93.1%}, or {@code –} of nothing. */
  static String percent(long part, long whole) {
    return whole == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  static String bytes(long b) {
    return ByteSize.format(b);
  }

  static String time(Instant t) {
    return TIME.format(t);
  }

  /** At most {@link #MAX_TEXT} characters (not cutting a surrogate pair), with an ellipsis. */
  static String clip(String s) {
    if (s == null || s.length() <= MAX_TEXT) {
      return s;
    }
    int end = MAX_TEXT;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "…";
  }
}
