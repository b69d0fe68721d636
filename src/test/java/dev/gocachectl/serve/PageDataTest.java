package dev.gocachectl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.history.History;
import dev.gocachectl.history.JobName;
import dev.gocachectl.history.Observation;
import dev.gocachectl.history.Outcome;
import dev.gocachectl.history.Retention;
import dev.gocachectl.history.RunId;
import dev.gocachectl.page.PageModel;
import dev.gocachectl.prog.BuildReport;
import dev.gocachectl.prog.BuildReportSamples;
import dev.gocachectl.prog.ReportId;
import dev.gocachectl.prog.SessionStats;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's model from a real SQLite history: charts placed on the time the reports cover, with
 * the numbers of the reports in each bucket, and job runs and findings as the history keeps them.
 */
class PageDataTest {
  static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");

  @TempDir Path tmp;

  static final class HandClock extends Clock {
    Instant now = NOW;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  static String report(Instant time, String runner, long gets, long hits) throws Exception {
    BuildReport s =
        BuildReport.parse(
            BuildReportSamples.line(ReportId.random().toString(), "shop", "go build"));
    SessionStats.Counts c = s.counts();
    return new BuildReport(
            s.id(),
            time,
            s.pid(),
            s.mode(),
            s.command(),
            Map.of("repo", "shop", "runner", runner),
            new SessionStats.Counts(
                gets,
                hits,
                0,
                c.misses(),
                c.puts(),
                c.putErrors(),
                c.spilled(),
                c.bytesRead(),
                c.bytesWritten(),
                c.getP50Nanos(),
                c.getP99Nanos(),
                c.getBuckets(),
                c.getNanosSum()),
            s.remoteNames(),
            s.remotes(),
            s.pendingUploads(),
            s.prefetch(),
            s.wallMillis())
        .toJsonLine()
        .strip();
  }

  @Test
  void chartsCoverTheReportsHoursWithTheirNumbersAndJobsComeFromTheHistory() throws Exception {
    HandClock clock = new HandClock();
    Retention keep = new Retention(Duration.ofDays(400), 1000);
    try (History h = History.openSqlite(tmp.resolve("history.db"), keep, clock);
        Ingest ingest =
            new Ingest(tmp, new LabelPolicy(List.of("repo", "runner"), 10), 1000, 4, clock, h)) {
      // one build an hour per runner, from 30 hours ago to 1 hour ago
      List<String> lines = new ArrayList<>();
      for (int i = 1; i <= 30; i++) {
        Instant t = NOW.minus(Duration.ofHours(i));
        lines.add(report(t, "r1", 100, 50));
        lines.add(report(t, "r2", 100, 100 - i));
      }
      assertThat(ingest.take(lines).accepted()).isEqualTo(60);
      // two runs of a job: a finding new in the first, still there in the second
      for (int i = 0; i < 2; i++) {
        clock.now = NOW.minus(Duration.ofMinutes(30 - i * 10));
        RunId run = h.startRun(new JobName("verify-ci"));
        clock.now = clock.now.plusSeconds(3);
        h.finishRun(
            run,
            Outcome.FINDINGS,
            "1 problem",
            List.of(new Observation("output-hash-mismatch", "entry 1", "bad bytes", "repair")));
      }
      clock.now = NOW;
      PageData data =
          new PageData(
              ingest,
              h,
              new CacheWatch(List.of(), clock, new PrintStream(tmp.resolve("log").toFile())),
              clock);
      PageModel m = data.model();

      PageModel.RateChart runners = m.byRunner();
      assertThat(runners.step()).isEqualTo(Duration.ofHours(1));
      assertThat(runners.start()).isEqualTo(NOW.minus(Duration.ofHours(30)));
      assertThat(runners.series())
          .extracting(PageModel.RateSeries::name)
          .containsExactly("r1", "r2");
      PageModel.RateSeries r2 = runners.series().get(1);
      assertThat(r2.points()).hasSize(31); // 30 hours of builds and the hour now
      assertThat(r2.points().getFirst()).isEqualTo(new PageModel.Point(100, 70)); // 30 hours ago
      assertThat(r2.points().get(29)).isEqualTo(new PageModel.Point(100, 99)); // 1 hour ago
      assertThat(r2.points().getLast()).isEqualTo(new PageModel.Point(0, 0));
      assertThat(runners.series().getFirst().hits()).isEqualTo(30 * 50);
      assertThat(m.byLabel())
          .extracting(PageModel.RateChart::dimension)
          .containsExactly("fleet", "repo");
      assertThat(m.byLabel().getFirst().series().getFirst().gets()).isEqualTo(60 * 100);
      assertThat(m.recent()).hasSize(PageData.RECENT);

      assertThat(m.jobs()).extracting(PageModel.JobRun::job).containsExactly("verify-ci");
      assertThat(m.jobs().getFirst().outcome()).isEqualTo("findings");
      assertThat(m.jobs().getFirst().took()).isEqualTo(Duration.ofSeconds(3));
      assertThat(m.findings())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.state()).isEqualTo("present");
                assertThat(f.since()).isEqualTo(NOW.minus(Duration.ofMinutes(30)).plusSeconds(3));
                assertThat(f.remedy()).isEqualTo("repair");
              });
      assertThat(data.runs("verify-ci")).hasSize(2);
      assertThat(data.runs("trim-ci")).isEmpty();
    }
  }

  @Test
  void anEmptyHistoryHasNoCharts() throws Exception {
    HandClock clock = new HandClock();
    try (History h = History.openSqlite(tmp.resolve("history.db"), Retention.DEFAULT, clock);
        Ingest ingest = new Ingest(tmp, new LabelPolicy(List.of("repo"), 10), 1000, 4, clock, h)) {
      PageModel m =
          new PageData(ingest, h, new CacheWatch(List.of(), clock, System.err), clock).model();
      assertThat(m.byLabel()).isEmpty();
      assertThat(m.byRunner().series()).isEmpty();
      assertThat(m.jobs()).isEmpty();
    }
  }
}
