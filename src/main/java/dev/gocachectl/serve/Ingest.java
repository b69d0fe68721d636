package dev.gocachectl.serve;

import dev.gocachectl.history.History;
import dev.gocachectl.prog.BuildReport;
import dev.gocachectl.prog.ReportId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Takes report lines in: each parsed through {@link BuildReport#parse} (the record that writes
 * them) on the request's own thread, then handed to one committer thread that takes every request
 * waiting at that moment as a group: it drops the reports seen before ({@link SeenIds}) or twice in
 * the group, writes the others to the {@link ReportJournal} with one write and one flush to the
 * disk, and only then counts them ({@link ReportMetrics}) and acknowledges each request (group
 * commit: a request waits for one flush, however many arrive together). The counters are saved to
 * the {@link StateFile} by {@link #save}; on start the journal's lines after the saved place are
 * counted again.
 *
 * <p>With a {@link History}, a group's new reports are stored there first, in one transaction (the
 * history skips those it has by ID), then journaled: a report is acknowledged only once it is in
 * both. The journal stays the write-ahead log under the counters (the state file names a place in
 * it); the history is what {@code /api/reports} and the page read. Killed between the two, a report
 * is in the history but not counted nor acknowledged: the client sends it again, the history skips
 * it and the journal and counters take it.
 */
final class Ingest implements AutoCloseable {
  /** At most this many error messages in one answer. */
  static final int MAX_ERRORS = 10;

  /** At most this many requests in one group commit. */
  static final int MAX_GROUP = 256;

  /** What one batch of lines did. */
  record Result(int accepted, int duplicates, int rejected, List<String> errors) {}

  /** The reports of one request, their journal lines, and its answer once committed. */
  private record Batch(
      List<BuildReport> reports, List<String> lines, CompletableFuture<int[]> done) {}

  private static final Batch STOP = new Batch(List.of(), List.of(), new CompletableFuture<>());

  private final ReentrantLock lock = new ReentrantLock();
  private final Path dataDir;
  private final LabelPolicy labels;
  private final CounterStore counters = new CounterStore();
  private final SeenIds seen;
  private final ReportJournal journal;
  private final Clock clock;
  private final History history;
  private final long createdMillis;
  private final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
  private final Thread committer;
  private volatile boolean closed;
  private ReportJournal.Position counted;
  private ReportJournal.Position saved;
  private long changes;

  Ingest(Path dataDir, LabelPolicy labels, int dedupWindow, int keepSegments, Clock clock)
      throws IOException {
    this(dataDir, labels, dedupWindow, keepSegments, clock, null);
  }

  /** With {@code history} null, reports go to the journal and counters only. */
  Ingest(
      Path dataDir,
      LabelPolicy labels,
      int dedupWindow,
      int keepSegments,
      Clock clock,
      History history)
      throws IOException {
    this.history = history;
    this.dataDir = dataDir;
    this.labels = labels;
    this.seen = new SeenIds(dedupWindow);
    this.clock = clock;
    Map<String, Family> byName = new LinkedHashMap<>();
    ReportMetrics.ALL.forEach(f -> byName.put(f.name(), f));
    StateFile.State state = StateFile.read(dataDir, byName, labels.names().size());
    this.journal = new ReportJournal(dataDir, keepSegments);
    ReportJournal.Position from = new ReportJournal.Position(0, 0);
    if (state != null) {
      state.labels().forEach(labels::restore);
      state.series().forEach(counters::set);
      state.series().keySet().stream()
          .filter(s -> s.family().equals(ReportMetrics.RECEIVED))
          .forEach(s -> labels.restoreSet(s.values()));
      from = state.journal();
      createdMillis = state.createdMillis();
    } else {
      createdMillis = clock.millis();
    }
    ReportJournal.Position start = from;
    journal.forEach(
        line -> {
          BuildReport r;
          try {
            r = BuildReport.parse(line.report());
          } catch (BuildReport.MalformedException e) {
            return; // written by serve, so only a damaged file gets here
          }
          if (seen.add(r.id()) && line.end().compareTo(start) > 0) {
            count(r, line.arrived()); // acknowledged, not yet in the saved counters
          }
        });
    // serve's own counters exist from the start, so that a rate over them has a first sample
    ReportMetrics.REJECT_REASONS.forEach(r -> counters.touch(ReportMetrics.REJECTED, List.of(r)));
    counters.touch(ReportMetrics.DUPLICATES, List.of());
    saved = state == null ? new ReportJournal.Position(0, 0) : state.journal();
    counted = journal.position();
    changes = 1; // save the replayed state soon
    committer = Thread.ofPlatform().daemon().name("serve-journal").start(this::commitLoop);
  }

  long createdMillis() {
    return createdMillis;
  }

  LabelPolicy labels() {
    return labels;
  }

  /** A consistent copy of every count, for the status page. */
  Map<Series, double[]> snapshot() {
    lock.lock();
    try {
      return counters.copy();
    } finally {
      lock.unlock();
    }
  }

  /** What a scrape of {@code /metrics} shows ({@link CounterStore#scrape}). */
  Map<Series, double[]> scrape() {
    lock.lock();
    try {
      return counters.scrape();
    } finally {
      lock.unlock();
    }
  }

  /** Counts a refusal before any line was read (size, token). */
  void refused(String reason) {
    lock.lock();
    try {
      counters.add(ReportMetrics.REJECTED, List.of(reason), 1);
      changes++;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the lines of one request; returns once the good ones are on disk and counted.
   *
   * @throws IOException when the journal cannot be written: nothing of the request was counted
   */
  Result take(List<String> lines) throws IOException {
    List<BuildReport> parsed = new ArrayList<>(lines.size());
    List<String> journalLines = new ArrayList<>(lines.size());
    List<String> errors = new ArrayList<>();
    int rejected = 0;
    int n = 0;
    for (String l : lines) {
      n++;
      if (l.isBlank()) {
        continue;
      }
      try {
        BuildReport r = BuildReport.parse(l);
        parsed.add(r);
        journalLines.add(r.toJsonLine()); // what serve wrote itself, not the sender's bytes
      } catch (BuildReport.MalformedException e) {
        rejected++;
        if (errors.size() < MAX_ERRORS) {
          errors.add("line " + n + ": " + e.getMessage());
        }
      }
    }
    if (rejected > 0) {
      lock.lock();
      try {
        counters.add(ReportMetrics.REJECTED, List.of("malformed"), rejected);
        changes += rejected;
      } finally {
        lock.unlock();
      }
    }
    int[] r = {0, 0};
    if (!parsed.isEmpty()) {
      Batch b = new Batch(parsed, journalLines, new CompletableFuture<>());
      if (closed) {
        throw new IOException("serve is stopping");
      }
      queue.add(b);
      try {
        r = b.done().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the reports were written", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      }
    }
    return new Result(r[0], r[1], rejected, List.copyOf(errors));
  }

  private void commitLoop() {
    List<Batch> group = new ArrayList<>();
    while (true) {
      try {
        group.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(group, MAX_GROUP - 1);
      boolean stop = group.remove(STOP);
      commit(group);
      group.clear();
      if (stop) {
        return;
      }
    }
  }

  /** Writes a group's new reports with one write and one flush, then counts and answers them. */
  private void commit(List<Batch> group) {
    if (group.isEmpty()) {
      return;
    }
    java.time.Instant arrivedAt = clock.instant();
    long now = arrivedAt.getEpochSecond();
    Set<ReportId> inGroup = new HashSet<>();
    List<BuildReport> fresh = new ArrayList<>();
    int[][] answers = new int[group.size()][2];
    StringBuilder text = new StringBuilder(group.size() * 1500);
    String arrived = now + " ";
    for (int i = 0; i < group.size(); i++) {
      Batch b = group.get(i);
      for (int k = 0; k < b.reports().size(); k++) {
        BuildReport r = b.reports().get(k);
        if (seen.contains(r.id()) || !inGroup.add(r.id())) {
          answers[i][1]++;
          continue;
        }
        text.append(arrived).append(b.lines().get(k));
        fresh.add(r);
        answers[i][0]++;
      }
    }
    ReportJournal.Position end = null;
    if (!fresh.isEmpty()) {
      try {
        if (history != null) {
          history.addReports(fresh, arrivedAt);
        }
      } catch (IOException e) {
        group.forEach(b -> b.done().completeExceptionally(e));
        return;
      }
      try {
        end = journal.append(StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(text)));
        journal.force(); // before anything is counted or acknowledged
      } catch (IOException e) {
        try {
          journal.undo(); // never acknowledged: the senders keep them and send them again
        } catch (IOException | RuntimeException ignored) {
          // the next start cuts a torn line; a whole one is counted then, and not twice (its ID)
        }
        group.forEach(b -> b.done().completeExceptionally(e));
        return;
      }
    }
    int dup = 0;
    for (int[] a : answers) {
      dup += a[1];
    }
    lock.lock();
    try {
      for (BuildReport r : fresh) {
        seen.add(r.id());
        count(r, now);
      }
      counters.add(ReportMetrics.DUPLICATES, List.of(), dup);
      changes += fresh.size() + dup;
      if (end != null) {
        counted = end;
      }
    } finally {
      lock.unlock();
    }
    for (int i = 0; i < group.size(); i++) {
      group.get(i).done().complete(answers[i]);
    }
  }

  private void count(BuildReport r, long arrived) {
    List<LabelPolicy.Replacement> replaced = new ArrayList<>();
    List<String> u = labels.values(r.labels(), replaced);
    for (LabelPolicy.Replacement x : replaced) {
      counters.add(
          ReportMetrics.LABELS_REPLACED,
          List.of(x.label(), x.reason().name().toLowerCase(java.util.Locale.ROOT)),
          1);
    }
    ReportMetrics.add(counters, r, u, arrived);
  }

  /** The newest report lines, newest first. */
  List<String> newest(int n) throws IOException {
    lock.lock();
    try {
      return journal.newest(n);
    } finally {
      lock.unlock();
    }
  }

  /** Writes the counters to the state file if anything changed since the last time. */
  void save() throws IOException {
    StateFile.State s;
    lock.lock();
    try {
      if (changes == 0) {
        return;
      }
      s = new StateFile.State(createdMillis, counted, labels.seen(), counters.copy());
      changes = 0;
    } finally {
      lock.unlock();
    }
    try {
      StateFile.write(dataDir, s);
      saved = s.journal();
    } catch (IOException e) {
      lock.lock();
      try {
        changes++; // try again next time
      } finally {
        lock.unlock();
      }
      throw e;
    }
  }

  ReportJournal.Position saved() {
    return saved;
  }

  /** Answers the requests waiting, then saves the counters and closes the journal. */
  @Override
  public void close() throws IOException {
    closed = true;
    queue.add(STOP);
    try {
      committer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Batch b; (b = queue.poll()) != null; ) {
      b.done().completeExceptionally(new IOException("serve is stopping")); // came after STOP
    }
    save();
    journal.close();
  }
}
