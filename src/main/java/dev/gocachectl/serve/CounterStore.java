package dev.gocachectl.serve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of the counter, histogram and report-time series built from reports, in memory. A
 * counter's value is one number; a histogram's is its bucket counts (not cumulative), then the sum;
 * a gauge here is a "latest value" (the last report's time). Not thread-safe: {@link Ingest} holds
 * its lock around every change and copy. {@link StateFile} writes it to disk.
 *
 * <h2>A new series shows its zero first</h2>
 *
 * <p>Prometheus's {@code rate()} and {@code increase()} measure the steps between the samples of a
 * series; a series whose first sample already holds a report's counts has no step to measure, so
 * the first report of a new label set (a new repository, a tier seen for the first time) would be
 * missing from every rate panel. So a counter or histogram series that no scrape has seen yet is
 * scraped at zero, and what was added to it before that scrape is shown from the next scrape on
 * ({@link #scrape}). {@link #copy} (the state file, {@code /api/status}) always has every count.
 * Series read back from the state file count as seen: a previous serve exported them. With two
 * Prometheus servers scraping one serve, the one that scrapes second can still miss that first
 * step; {@code sum(...)} over the raw counters is exact either way.
 */
final class CounterStore {
  /** One series: what scrapes show, and what waits for the series' first scrape. */
  private static final class Cell {
    final double[] shown;
    double[] waiting;
    boolean scraped;

    Cell(int n, boolean scraped) {
      this.shown = new double[n];
      this.scraped = scraped;
    }

    /** Where an addition goes: shown once a scrape saw the series, else waiting. */
    double[] target() {
      if (scraped) {
        return shown;
      }
      if (waiting == null) {
        waiting = new double[shown.length];
      }
      return waiting;
    }

    double[] total() {
      double[] t = shown.clone();
      if (waiting != null) {
        for (int i = 0; i < t.length; i++) {
          t[i] += waiting[i];
        }
      }
      return t;
    }
  }

  private final Map<Series, Cell> values = new LinkedHashMap<>();

  private Cell cell(Family f, List<String> labels, int n) {
    return values.computeIfAbsent(new Series(f, labels), k -> new Cell(n, false));
  }

  void add(Family f, List<String> labels, double v) {
    if (v != 0) {
      cell(f, labels, 1).target()[0] += v;
    }
  }

  /** Ensures the series exists (at 0), so that rates over it start at the first report. */
  void touch(Family f, List<String> labels) {
    cell(f, labels, 1);
  }

  /** A gauge: the largest value seen, shown at once (a gauge has no step to lose). */
  void max(Family f, List<String> labels, double v) {
    double[] d = cell(f, labels, 1).shown;
    d[0] = Math.max(d[0], v);
  }

  /** Adds per-bucket counts (the last is the unbounded bucket) and their sum to a histogram. */
  void observe(Family f, List<String> labels, List<Long> buckets, double sum) {
    Cell c = cell(f, labels, buckets.size() + 1);
    if (c.shown.length != buckets.size() + 1) {
      return; // another bucket layout: not mixed into this one
    }
    double[] d = c.target();
    for (int i = 0; i < buckets.size(); i++) {
      d[i] += buckets.get(i);
    }
    d[buckets.size()] += sum;
  }

  /** Restores a series from the state file: shown as it is. */
  void set(Series s, double[] v) {
    Cell c = new Cell(v.length, true);
    System.arraycopy(v, 0, c.shown, 0, v.length);
    values.put(s, c);
  }

  /** Every count, for the state file and the status page. */
  Map<Series, double[]> copy() {
    Map<Series, double[]> m = LinkedHashMap.newLinkedHashMap(values.size());
    values.forEach((k, v) -> m.put(k, v.total()));
    return m;
  }

  /**
   * What a scrape shows: series no scrape saw yet at zero. After it, they count as seen, and what
   * waited is shown by the next scrape.
   */
  Map<Series, double[]> scrape() {
    Map<Series, double[]> m = LinkedHashMap.newLinkedHashMap(values.size());
    values.forEach(
        (k, c) -> {
          m.put(k, c.shown.clone());
          if (!c.scraped) {
            c.scraped = true;
            if (c.waiting != null) {
              for (int i = 0; i < c.shown.length; i++) {
                c.shown[i] += c.waiting[i];
              }
              c.waiting = null;
            }
          }
        });
    return m;
  }

  int size() {
    return values.size();
  }
}
