package dev.gocachectl.notify;

import dev.gocachectl.history.Finding;
import dev.gocachectl.history.FindingChanges;
import dev.gocachectl.history.JobName;
import dev.gocachectl.history.JobRun;
import dev.gocachectl.history.Outcome;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Announces changes of state to webhooks, and only changes: a new finding, a resolved one, a job
 * that starts failing (failed or timed out after a run that did not) or recovers, a job that has
 * not run when due and then runs again. A change is announced once: its {@link Event#key} is
 * remembered (the newest {@value #REMEMBERED} keys) and a repeat is dropped.
 *
 * <p>Never blocks its caller: each webhook has a bounded queue emptied by its own virtual thread
 * ({@link Delivery}), with retries and backoff per {@link RetryPolicy}; a receiver that is down or
 * hangs costs that queue, not the job. Every body is signed ({@link Signature}) when a secret is
 * given.
 *
 * <p>API for the jobs: {@link #announce(FindingChanges)} after {@code History.finishRun}; {@link
 * #jobLate(JobName, JobRun, Instant)} when a job's schedule says it should have run by {@code due}
 * and it has not (call it as often as convenient: it is announced once per missed run).
 */
public final class Notifier implements AutoCloseable {
  static final int REMEMBERED = 10_000;

  private final List<Delivery> deliveries = new ArrayList<>();
  private final HttpClient http;
  private final Clock clock;
  private final Map<String, Boolean> sent =
      new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
          return size() > REMEMBERED;
        }
      };
  private final Set<JobName> late = new HashSet<>();

  /**
   * Starts a delivery thread per webhook; {@code secret} null: bodies are not signed. With no
   * webhooks, does nothing.
   */
  public Notifier(
      List<Webhook> webhooks, String secret, RetryPolicy policy, Clock clock, PrintStream log) {
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(policy.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    Signature sig = secret == null ? null : new Signature(secret);
    for (Webhook w : webhooks) {
      deliveries.add(new Delivery(w, http, sig, policy, log));
    }
  }

  /** Queues the events of one finished run. */
  public void announce(FindingChanges c) {
    JobRun run = c.run();
    List<Event> events = new ArrayList<>();
    for (Finding f : c.opened()) {
      events.add(
          new Event(
              Event.Kind.FINDING_NEW,
              "finding-" + f.id() + "-new",
              f.job(),
              f.lastSeen(),
              f,
              run,
              "gocachectl: "
                  + f.job()
                  + ": new "
                  + f.kind()
                  + (f.subject().isEmpty() ? "" : " " + f.subject())
                  + ": "
                  + f.message()
                  + (f.remedy().isEmpty() ? "" : " What to do: " + f.remedy())));
    }
    for (Finding f : c.resolved()) {
      events.add(
          new Event(
              Event.Kind.FINDING_RESOLVED,
              "finding-" + f.id() + "-resolved",
              f.job(),
              f.resolvedAt(),
              f,
              run,
              "gocachectl: "
                  + f.job()
                  + ": resolved "
                  + f.kind()
                  + (f.subject().isEmpty() ? "" : " " + f.subject())));
    }
    Outcome now = run.outcome();
    Outcome before = c.previous();
    boolean failing = now != null && !now.complete();
    boolean wasFailing = before != null && !before.complete();
    if (failing && !wasFailing) {
      events.add(
          new Event(
              Event.Kind.JOB_FAILED,
              "run-" + run.id() + "-failed",
              run.job(),
              run.ended(),
              null,
              run,
              "gocachectl: job "
                  + run.job()
                  + (now == Outcome.TIMED_OUT ? " timed out" : " failed")
                  + (run.summary() == null || run.summary().isEmpty()
                      ? ""
                      : ": " + run.summary())));
    } else if (!failing && wasFailing) {
      events.add(
          new Event(
              Event.Kind.JOB_RECOVERED,
              "run-" + run.id() + "-recovered",
              run.job(),
              run.ended(),
              null,
              run,
              "gocachectl: job " + run.job() + " ran to the end again (" + now.id() + ")"));
    }
    boolean wasLate;
    synchronized (sent) {
      wasLate = late.remove(run.job());
    }
    if (wasLate) {
      events.add(
          new Event(
              Event.Kind.JOB_ON_TIME,
              "job-" + run.job() + "-on-time-" + run.id(),
              run.job(),
              run.started(),
              null,
              run,
              "gocachectl: job " + run.job() + " runs again"));
    }
    events.forEach(this::send);
  }

  /**
   * Announces that {@code job} has not run since {@code last} (null: never) though it was due by
   * {@code due}; once until it runs again.
   */
  public void jobLate(JobName job, JobRun last, Instant due) {
    synchronized (sent) {
      late.add(job);
    }
    send(
        new Event(
            Event.Kind.JOB_LATE,
            "job-" + job + "-late-" + (last == null ? "never" : last.id().toString()),
            job,
            clock.instant(),
            null,
            last,
            "gocachectl: job "
                + job
                + " has not run since "
                + (last == null ? "serve started" : last.started().toString())
                + " though it was due by "
                + due
                + " (is serve overloaded, or the job stuck?)"));
  }

  private void send(Event e) {
    synchronized (sent) {
      if (sent.putIfAbsent(e.key(), Boolean.TRUE) != null) {
        return; // announced already
      }
    }
    for (Delivery d : deliveries) {
      d.offer(e);
    }
  }

  /** Per webhook name: delivered, given up, dropped, retried. */
  public Map<String, Stats> stats() {
    Map<String, Stats> m = new LinkedHashMap<>();
    for (Delivery d : deliveries) {
      m.put(d.hook().name(), d.stats());
    }
    return m;
  }

  /** A webhook's counts: delivered, given up, dropped (queue full), attempts repeated. */
  public record Stats(long sent, long failed, long dropped, long retries) {}

  /** Lets the queues empty for up to {@code drain} (all webhooks together), then stops. */
  public void close(Duration drain) {
    long deadline = System.nanoTime() + drain.toNanos();
    for (Delivery d : deliveries) {
      d.close(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    http.close();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}
