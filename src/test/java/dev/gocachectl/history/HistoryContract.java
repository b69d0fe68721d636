package dev.gocachectl.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gocachectl.prog.BuildReport;
import dev.gocachectl.prog.MissKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every history database must do: run on SQLite and on PostgreSQL. */
abstract class HistoryContract {
  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  TestClock clock;
  History history;

  /** A URL of an empty database, new for each test. */
  abstract String freshUrl() throws Exception;

  /** The URL {@link #freshUrl} gave last. */
  abstract String url();

  @BeforeEach
  void open() throws Exception {
    clock = new TestClock(T0);
    history = History.open(freshUrl(), new Retention(Duration.ofDays(30), 3), clock);
  }

  @AfterEach
  void close() {
    if (history != null) {
      history.close();
    }
  }

  static final JobName VERIFY = new JobName("verify-ci");

  @Test
  void reportsAreStoredOnceAndReadNewestFirstPageByPage() throws Exception {
    List<BuildReport> first = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      first.add(Reports.report(T0.plusSeconds(i), Map.of("repo", "shop"), 10, 4, 5));
    }
    assertThat(history.addReports(first, T0)).isEqualTo(3);
    BuildReport again = first.get(1);
    BuildReport fourth = Reports.report(T0.plusSeconds(9), Map.of("repo", "<b>x</b>"), 8, 8, 0);
    BuildReport fifth = Reports.report(T0.plusSeconds(10), Map.of(), 1, 0, 1);
    assertThat(history.addReports(List.of(again, fourth, fifth), T0.plusSeconds(60))).isEqualTo(2);
    assertThat(history.reportCount()).isEqualTo(5);

    Page<StoredReport> p1 = history.reports(PageRequest.first(2));
    assertThat(p1.items()).extracting(StoredReport::report).containsExactly(fifth, fourth);
    assertThat(p1.items().get(0).arrived()).isEqualTo(T0.plusSeconds(60));
    Page<StoredReport> p2 = history.reports(new PageRequest(p1.next(), 2));
    assertThat(p2.items())
        .extracting(StoredReport::report)
        .containsExactly(first.get(2), first.get(1));
    Page<StoredReport> p3 = history.reports(new PageRequest(p2.next(), 2));
    assertThat(p3.items()).extracting(StoredReport::report).containsExactly(first.get(0));
    assertThat(p3.next()).isNull();
  }

  @Test
  void hitRatesByTimeBucketAndByLabelAndMissesByCause() throws Exception {
    Duration hour = Duration.ofHours(1);
    history.addReports(
        List.of(
            Reports.report(T0.plusSeconds(10), Map.of("repo", "a", "runner", "r1"), 10, 8, 1),
            Reports.report(T0.plusSeconds(20), Map.of("repo", "b", "runner", "r1"), 10, 2, 8),
            Reports.report(T0.plusSeconds(3700), Map.of("repo", "a", "runner", "r2"), 4, 4, 0),
            Reports.report(T0.plusSeconds(3800), Map.of("repo", "c"), 6, 0, 6),
            Reports.report(T0.plusSeconds(3900), Map.of("repo", "c"), 6, 3, 3),
            Reports.report(T0.plusSeconds(7300), Map.of("repo", "a"), 1, 1, 0)),
        T0);
    List<HitRatePoint> fleet = history.hitRates(T0, T0.plus(Duration.ofHours(2)), hour, null, 10);
    assertThat(fleet)
        .containsExactly(
            new HitRatePoint(T0, "", 2, 20, 10, 2, 10),
            new HitRatePoint(T0.plus(hour), "", 3, 16, 7, 3, 9));
    assertThat(fleet.get(0).hitRate()).isEqualTo(0.5);

    List<HitRatePoint> byRepo =
        history.hitRates(T0, T0.plus(Duration.ofHours(2)), hour, "repo", 10);
    assertThat(byRepo)
        .extracting(p -> p.start() + " " + p.group() + " " + p.hits() + "/" + p.gets())
        .containsExactly(
            T0 + " a 8/10", T0 + " b 2/10", T0.plus(hour) + " a 4/4", T0.plus(hour) + " c 3/12");
    // two groups: the busiest (a and c have two builds each: a by name) and the rest
    assertThat(history.hitRates(T0, T0.plus(Duration.ofHours(2)), hour, "repo", 2))
        .extracting(p -> p.start() + " " + p.group() + " " + p.hits() + "/" + p.gets())
        .containsExactly(
            T0 + " a 8/10",
            T0 + " other 2/10",
            T0.plus(hour) + " a 4/4",
            T0.plus(hour) + " other 3/12");
    assertThat(history.hitRates(T0, T0.plus(Duration.ofHours(2)), hour, "runner", 10))
        .extracting(p -> p.group() + " " + p.builds())
        .containsExactly("r1 2", "r2 1");
    Map<MissKind, Long> causes = history.missesByCause(T0, T0.plus(Duration.ofHours(2)));
    assertThat(causes.get(MissKind.NEW)).isEqualTo(1 + 8 + 6 + 3);
    assertThat(causes.get(MissKind.TRIMMED)).isEqualTo(1);
    assertThatThrownBy(
            () -> history.hitRates(T0, T0.plusSeconds(20_000), Duration.ofSeconds(1), null, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most");
  }

  @Test
  void findingsAreNewThenPresentThenResolvedAndAComebackIsANewFinding() throws Exception {
    Observation a = new Observation("corrupt-output", "ab12-d", "output differs", "repair");
    Observation b = new Observation("dangling", "cd34-a", "output missing", "repair");
    Observation c = new Observation("dangling", "ef56-a", "output missing", "repair");

    RunId r1 = history.startRun(VERIFY);
    clock.advance(Duration.ofMinutes(1));
    FindingChanges ch1 = history.finishRun(r1, Outcome.FINDINGS, "2 findings", List.of(a, b));
    assertThat(ch1.previous()).isNull();
    assertThat(ch1.opened()).extracting(Finding::subject).containsExactly("ab12-d", "cd34-a");
    assertThat(ch1.opened()).extracting(Finding::state).containsOnly(FindingState.NEW);
    assertThat(ch1.resolved()).isEmpty();
    assertThat(ch1.run().duration()).isEqualTo(Duration.ofMinutes(1));

    clock.advance(Duration.ofHours(1));
    RunId r2 = history.startRun(VERIFY);
    Observation a2 = new Observation("corrupt-output", "ab12-d", "output still differs", "repair");
    FindingChanges ch2 = history.finishRun(r2, Outcome.FINDINGS, "2 findings", List.of(a2, c));
    assertThat(ch2.previous()).isEqualTo(Outcome.FINDINGS);
    assertThat(ch2.opened()).extracting(Finding::subject).containsExactly("ef56-a");
    assertThat(ch2.resolved()).extracting(Finding::subject).containsExactly("cd34-a");
    assertThat(ch2.resolved().get(0).resolvedBy()).isEqualTo(r2);
    List<Finding> open = history.openFindings();
    assertThat(open).extracting(Finding::subject).containsExactly("ab12-d", "ef56-a");
    assertThat(open.get(0).state()).isEqualTo(FindingState.PRESENT);
    assertThat(open.get(0).message()).isEqualTo("output still differs");
    assertThat(open.get(0).firstSeen()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
    assertThat(open.get(1).state()).isEqualTo(FindingState.NEW);

    // a failed run may not have looked at everything: it resolves nothing
    RunId r3 = history.startRun(VERIFY);
    FindingChanges ch3 = history.finishRun(r3, Outcome.FAILED, "cannot read the cache", List.of());
    assertThat(ch3.isEmpty()).isTrue();
    assertThat(history.openFindings()).hasSize(2);

    RunId r4 = history.startRun(VERIFY);
    FindingChanges ch4 = history.finishRun(r4, Outcome.OK, "clean", List.of());
    assertThat(ch4.previous()).isEqualTo(Outcome.FAILED);
    assertThat(ch4.resolved()).extracting(Finding::subject).containsExactly("ab12-d", "ef56-a");
    assertThat(history.openFindings()).isEmpty();

    RunId r5 = history.startRun(VERIFY);
    FindingChanges ch5 = history.finishRun(r5, Outcome.FINDINGS, "1 finding", List.of(b));
    assertThat(ch5.opened()).hasSize(1);
    assertThat(ch5.opened().get(0).id()).isNotEqualTo(ch1.opened().get(1).id());

    Page<Finding> resolved = history.findings(FindingFilter.RESOLVED, PageRequest.first(2));
    // newest first: by when the finding was opened
    assertThat(resolved.items()).extracting(Finding::subject).containsExactly("ef56-a", "cd34-a");
    assertThat(resolved.next()).isNotNull();
    assertThat(
            history.findings(FindingFilter.RESOLVED, new PageRequest(resolved.next(), 2)).items())
        .extracting(Finding::subject)
        .containsExactly("ab12-d");
    assertThat(history.findings(FindingFilter.OPEN, PageRequest.first(10)).items())
        .extracting(Finding::state)
        .containsExactly(FindingState.NEW);

    assertThatThrownBy(() -> history.finishRun(r5, Outcome.OK, "again", List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already finished");
    assertThatThrownBy(() -> history.finishRun(new RunId(999_999), Outcome.OK, "", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    // the refused calls left nothing behind and the history still writes
    assertThat(history.run(r5).orElseThrow().outcome()).isEqualTo(Outcome.FINDINGS);
    assertThat(history.startRun(VERIFY).value()).isGreaterThan(r5.value());
  }

  @Test
  void runsAreListedNewestFirstAndTheLastRunOfEveryJobIsKnown() throws Exception {
    JobName trim = new JobName("trim");
    List<RunId> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RunId r = history.startRun(VERIFY);
      ids.add(r);
      clock.advance(Duration.ofSeconds(30));
      history.finishRun(r, Outcome.OK, "run " + i, List.of());
    }
    RunId running = history.startRun(trim);
    Page<JobRun> p = history.runs(VERIFY, PageRequest.first(2));
    assertThat(p.items()).extracting(JobRun::id).containsExactly(ids.get(2), ids.get(1));
    assertThat(history.runs(VERIFY, new PageRequest(p.next(), 2)).items())
        .extracting(JobRun::summary)
        .containsExactly("run 0");
    List<JobRun> last = history.lastRuns();
    assertThat(last).extracting(JobRun::job).containsExactly(trim, VERIFY);
    assertThat(last.get(0).id()).isEqualTo(running);
    assertThat(last.get(0).finished()).isFalse();
    assertThat(last.get(1).summary()).isEqualTo("run 2");
  }

  @Test
  void retentionRemovesOldReportsOldRunsAndLongResolvedFindingsButKeepsOpenOnes() throws Exception {
    history.addReports(List.of(Reports.report(T0, Map.of("repo", "a"), 1, 1, 0)), T0);
    Observation a = new Observation("k", "a", "", "");
    Observation b = new Observation("k", "b", "", "");
    RunId r1 = history.startRun(VERIFY);
    history.finishRun(r1, Outcome.FINDINGS, "", List.of(a, b));
    RunId r2 = history.startRun(VERIFY);
    history.finishRun(r2, Outcome.FINDINGS, "", List.of(a)); // b resolved
    clock.advance(Duration.ofDays(31));
    BuildReport recent = Reports.report(clock.instant(), Map.of("repo", "a"), 1, 1, 0);
    history.addReports(List.of(recent), clock.instant());
    for (int i = 0; i < 3; i++) {
      history.finishRun(history.startRun(VERIFY), Outcome.FINDINGS, "", List.of(a));
    }
    History.Pruned pruned = history.prune();
    assertThat(pruned).isEqualTo(new History.Pruned(1, 2, 1));
    assertThat(history.reports(PageRequest.first(10)).items())
        .extracting(StoredReport::report)
        .containsExactly(recent);
    assertThat(history.runs(VERIFY, PageRequest.first(10)).items()).hasSize(3);
    assertThat(history.openFindings()).extracting(Finding::subject).containsExactly("a");
    assertThat(history.findings(FindingFilter.RESOLVED, PageRequest.first(10)).items()).isEmpty();
    assertThat(history.hitRates(T0, clock.instant().plusSeconds(1), Duration.ofDays(1), "repo", 10))
        .extracting(HitRatePoint::builds)
        .containsExactly(1L);
  }

  @Test
  void reopeningKeepsEverythingAndAppliesNoStepTwice() throws Exception {
    history.addReports(List.of(Reports.report(T0, Map.of(), 1, 1, 0)), T0);
    history.close();
    history = History.open(url(), Retention.DEFAULT, clock);
    assertThat(history.reportCount()).isEqualTo(1);
    assertThat(history.health().ok()).isTrue();
  }
}
