package dev.gocachectl.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gocachectl.history.FindingChanges;
import dev.gocachectl.history.History;
import dev.gocachectl.history.JobName;
import dev.gocachectl.history.Observation;
import dev.gocachectl.history.Outcome;
import dev.gocachectl.history.Retention;
import dev.gocachectl.history.RunId;
import dev.gocachectl.testing.AlertmanagerServer;
import dev.gocachectl.testing.ServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications from real history changes to a local receiver that fails, hangs and recovers, and
 * to a real Alertmanager.
 */
class NotifierTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef";
  static final JobName JOB = new JobName("verify-ci");

  /** Fast retries: the test waits for deliveries, never for time to pass. */
  static final RetryPolicy FAST =
      new RetryPolicy(5, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(1), 4);

  @TempDir Path tmp;
  History history;
  Receiver receiver;
  final ByteArrayOutputStream log = new ByteArrayOutputStream();
  Notifier notifier;

  @BeforeEach
  void open() throws Exception {
    history = History.openSqlite(tmp.resolve("history.db"), Retention.DEFAULT, Clock.systemUTC());
    receiver = new Receiver();
  }

  @AfterEach
  void close() {
    if (notifier != null) {
      notifier.close(Duration.ofSeconds(1));
    }
    receiver.close();
    history.close();
  }

  Notifier notifier(Format format, RetryPolicy policy) {
    notifier =
        new Notifier(
            List.of(new Webhook("hook", receiver.url("/hook"), format)),
            SECRET,
            policy,
            Clock.systemUTC(),
            new PrintStream(log, true));
    return notifier;
  }

  FindingChanges run(Outcome outcome, String summary, Observation... seen) throws Exception {
    RunId r = history.startRun(JOB);
    return history.finishRun(r, outcome, summary, List.of(seen));
  }

  static final Observation BAD =
      new Observation("corrupt-output", "ab12-d <@channel>", "output differs", "gocachectl repair");

  void awaitStats(Notifier n, java.util.function.Predicate<Notifier.Stats> p) {
    ServerProcess.pollUntil(() -> p.test(n.stats().get("hook")), "the notifier's counts");
  }

  @Test
  void aNewFindingIsSentSignedOnceAndItsResolutionOnce() throws Exception {
    Notifier n = notifier(Format.GENERIC, FAST);
    FindingChanges first = run(Outcome.FINDINGS, "1 finding", BAD);
    n.announce(first);
    Receiver.Request r = receiver.next();
    assertThat(r.path()).isEqualTo("/hook");
    assertThat(r.headers().get(Signature.HEADER)).isEqualTo(new Signature(SECRET).sign(r.body()));
    assertThat(r.headers().get(Signature.HEADER))
        .isNotEqualTo(new Signature(SECRET + "x").sign(r.body()));
    assertThat(r.headers().get("X-Gocachectl-Event")).isEqualTo("finding-new");
    assertThat(r.text())
        .startsWith("{\"event\":\"finding-new\",\"key\":\"finding-1-new\"")
        .contains("\"job\":\"verify-ci\"")
        .contains("\"subject\":\"ab12-d <@channel>\"")
        .contains("\"state\":\"new\"")
        .contains("What to do: gocachectl repair");
    // the same change again, and a run that sees the finding still: nothing to announce
    n.announce(first);
    n.announce(run(Outcome.FINDINGS, "1 finding", BAD));
    n.announce(run(Outcome.OK, "clean"));
    Receiver.Request resolved = receiver.next();
    assertThat(resolved.headers().get("X-Gocachectl-Event")).isEqualTo("finding-resolved");
    assertThat(resolved.text()).contains("\"resolvedAt\":\"");
    awaitStats(n, s -> s.sent() == 2);
    assertThat(receiver.requests).isEmpty();
  }

  @Test
  void aJobIsAnnouncedWhenItStartsFailingAndWhenItRecoversNotAtEveryFailure() throws Exception {
    Notifier n = notifier(Format.SLACK, FAST);
    n.announce(run(Outcome.OK, "clean"));
    n.announce(run(Outcome.FAILED, "cannot read /var/cache/go-build: <b>permission</b> & more"));
    Receiver.Request failed = receiver.next();
    assertThat(failed.text())
        .isEqualTo(
            "{\"text\":\"gocachectl: job verify-ci failed: cannot read /var/cache/go-build:"
                + " &lt;b&gt;permission&lt;/b&gt; &amp; more\"}");
    n.announce(run(Outcome.TIMED_OUT, "stopped after 1h"));
    n.announce(run(Outcome.FAILED, "again"));
    n.announce(run(Outcome.OK, "clean"));
    assertThat(receiver.next().text()).contains("ran to the end again (ok)");
    n.jobLate(JOB, history.lastRuns().getFirst(), Instant.parse("2026-12-08T02:00:00Z"));
    n.jobLate(JOB, history.lastRuns().getFirst(), Instant.parse("2026-12-08T02:00:00Z"));
    assertThat(receiver.next().text()).contains("has not run since");
    n.announce(run(Outcome.OK, "clean"));
    assertThat(receiver.next().text()).contains("job verify-ci runs again");
    awaitStats(n, s -> s.sent() == 4);
    assertThat(receiver.requests).isEmpty();
  }

  @Test
  void aReceiverThatFailsThenHangsIsRetriedWithoutBlockingTheJobUntilItRecovers() throws Exception {
    Notifier n = notifier(Format.GENERIC, FAST);
    receiver.failNext.set(2);
    n.announce(run(Outcome.FINDINGS, "1 finding", BAD));
    assertThat(receiver.next().answered()).isEqualTo(503);
    assertThat(receiver.next().answered()).isEqualTo(503);
    assertThat(receiver.next().answered()).isEqualTo(200);
    awaitStats(n, s -> s.sent() == 1 && s.retries() == 2);

    receiver.hang();
    // queued: returns while the receiver hangs (were it to wait for the delivery, it would wait
    // for ever: the receiver answers only after recover() below)
    n.announce(run(Outcome.OK, "clean"));
    Receiver.Request hung = receiver.next();
    assertThat(hung.answered()).isZero();
    assertThat(receiver.next().answered()).as("tried again after the timeout").isZero();
    receiver.recover();
    Receiver.Request ok;
    do {
      ok = receiver.next();
    } while (ok.answered() != 200);
    assertThat(ok.text()).contains("\"event\":\"finding-resolved\"");
    assertThat(ok.body()).isEqualTo(hung.body());
    awaitStats(n, s -> s.sent() == 2 && s.failed() == 0);
  }

  @Test
  void aRefusalIsNotRetriedAndAFullQueueDropsAndCounts() throws Exception {
    Notifier n = notifier(Format.GENERIC, FAST);
    receiver.failStatus = 400;
    receiver.failNext.set(1);
    n.announce(run(Outcome.FINDINGS, "1", BAD));
    assertThat(receiver.next().answered()).isEqualTo(400);
    awaitStats(n, s -> s.failed() == 1 && s.retries() == 0);
    assertThat(log.toString()).contains("gave up sending finding-1-new to hook (127.0.0.1)");
    assertThat(log.toString()).doesNotContain(receiver.url("/hook").toString());

    receiver.hang();
    Observation x = new Observation("dangling", "entry-x", "missing", "repair");
    n.announce(run(Outcome.FINDINGS, "2", BAD, x)); // one event: entry-x is new
    assertThat(receiver.next().answered()).as("in flight, unanswered").isZero();
    List<Observation> many = new java.util.ArrayList<>(List.of(BAD, x));
    for (int i = 0; i < 10; i++) {
      many.add(new Observation("dangling", "entry-" + i, "missing", "repair"));
    }
    n.announce(run(Outcome.FINDINGS, "12", many.toArray(Observation[]::new)));
    // ten new findings: four wait in the queue, six are dropped at once
    assertThat(n.stats().get("hook").dropped()).isEqualTo(6);
    assertThat(log.toString()).contains("queue full (4)");
  }

  @Test
  void alertmanagerTakesTheFiringAlertAndItsResolution() throws Exception {
    try (AlertmanagerServer am = AlertmanagerServer.start()) {
      notifier =
          new Notifier(
              List.of(
                  new Webhook(
                      "am", java.net.URI.create(am.url() + "/api/v2/alerts"), Format.ALERTMANAGER)),
              null,
              FAST,
              Clock.systemUTC(),
              new PrintStream(log, true));
      notifier.announce(run(Outcome.FINDINGS, "1 finding", BAD));
      ServerProcess.pollUntil(
          () -> notifier.stats().get("am").sent() == 1 || notifier.stats().get("am").failed() > 0,
          "the alert sent");
      assertThat(notifier.stats().get("am").failed()).as(log.toString()).isZero();
      String active = am.get("/api/v2/alerts?active=true").body();
      assertThat(active)
          .contains("\"alertname\":\"GocachectlFinding\"")
          .contains("\"subject\":\"ab12-d \\u003c@channel\\u003e\"")
          .contains("\"state\":\"active\"")
          .contains("What to do: gocachectl repair");
      notifier.announce(run(Outcome.OK, "clean"));
      ServerProcess.pollUntil(() -> notifier.stats().get("am").sent() == 2, "the resolution sent");
      ServerProcess.pollUntil(
          () -> am.get("/api/v2/alerts?active=true").body().strip().equals("[]"),
          "alertmanager to see it resolved: " + am.get("/api/v2/alerts").body());
    }
  }
}
