package dev.gocachectl.serve;

import dev.gocachectl.history.History;
import dev.gocachectl.prog.BuildReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Takes report lines in: each parsed through {@link BuildReport#parse} (the record that writes
 * them), checked against the reports seen ({@link SeenIds}), written to the {@link ReportJournal}
 * and only then counted ({@link ReportMetrics}) and acknowledged. The counters are saved to the
 * {@link StateFile} by {@link #save}; on start the journal's lines after the saved place are
 * counted again.
 *
 * <p>With a {@link History}, a request's reports are stored there first, in one transaction (the
 * history skips those it has by ID): a report is acknowledged only once it is in both. The journal
 * stays the write-ahead log under the counters (the state file names a place in it); the history is
 * what {@code /api/reports} and the page read. Killed between the two, a report is in the history
 * but not counted nor acknowledged: the client sends it again, the history skips it and the journal
 * and counters take it.
 */
final class Ingest implements AutoCloseable {
  /** At most this many error messages in one answer. */
  static final int MAX_ERRORS = 10;

  /** What one batch of lines did. */
  record Result(int accepted, int duplicates, int rejected, List<String> errors) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Path dataDir;
  private final LabelPolicy labels;
  private final CounterStore counters = new CounterStore();
  private final SeenIds seen;
  private final ReportJournal journal;
  private final Clock clock;
  private final History history;
  private final long createdMillis;
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
    changes = 1; // save the replayed state soon
  }

  long createdMillis() {
    return createdMillis;
  }

  LabelPolicy labels() {
    return labels;
  }

  /** A consistent copy of the counters, for a scrape. */
  Map<Series, double[]> snapshot() {
    lock.lock();
    try {
      return counters.copy();
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

  /** Takes the lines of one request. */
  Result take(List<String> lines) throws IOException {
    List<BuildReport> parsed = new ArrayList<>(lines.size());
    List<String> errors = new ArrayList<>();
    int rejected = 0;
    int n = 0;
    for (String l : lines) {
      n++;
      if (l.isBlank()) {
        continue;
      }
      try {
        parsed.add(BuildReport.parse(l));
      } catch (BuildReport.MalformedException e) {
        rejected++;
        if (errors.size() < MAX_ERRORS) {
          errors.add("line " + n + ": " + e.getMessage());
        }
      }
    }
    int accepted = 0;
    int dup = 0;
    java.time.Instant arrived = clock.instant();
    long now = arrived.getEpochSecond();
    if (history != null) {
      history.addReports(parsed, arrived); // outside the lock: the database orders its writes
    }
    lock.lock();
    try {
      if (rejected > 0) {
        counters.add(ReportMetrics.REJECTED, List.of("malformed"), rejected);
      }
      for (BuildReport r : parsed) {
        if (seen.contains(r.id())) {
          dup++;
          continue;
        }
        journal.append(now, r.toJsonLine()); // before it is counted and acknowledged
        seen.add(r.id());
        count(r, now);
        accepted++;
      }
      counters.add(ReportMetrics.DUPLICATES, List.of(), dup);
      changes += accepted + dup + rejected;
    } finally {
      lock.unlock();
    }
    return new Result(accepted, dup, rejected, List.copyOf(errors));
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
      s = new StateFile.State(createdMillis, journal.position(), labels.seen(), counters.copy());
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

  @Override
  public void close() throws IOException {
    save();
    journal.close();
  }
}
