package dev.gocachectl.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of the counter, histogram and report-time series built from reports, in memory. A
 * counter's value is one number; a histogram's is its bucket counts (not cumulative), then the sum;
 * a gauge here is a "latest value" (the last report's time). Not thread-safe: {@link Ingest} holds
 * its lock around every change and copy. {@link StateFile} writes it to disk.
 */
final class CounterStore {
  private final Map<Series, double[]> values = new LinkedHashMap<>();

  void add(Family f, List<String> labels, double v) {
    if (v != 0) {
      values.computeIfAbsent(new Series(f, labels), k -> new double[1])[0] += v;
    }
  }

  /** Ensures the series exists (at 0), so that rates over it start at the first report. */
  void touch(Family f, List<String> labels) {
    values.computeIfAbsent(new Series(f, labels), k -> new double[1]);
  }

  void max(Family f, List<String> labels, double v) {
    double[] d = values.computeIfAbsent(new Series(f, labels), k -> new double[1]);
    d[0] = Math.max(d[0], v);
  }

  /** Adds per-bucket counts (the last is the unbounded bucket) and their sum to a histogram. */
  void observe(Family f, List<String> labels, List<Long> buckets, double sum) {
    double[] d = values.computeIfAbsent(new Series(f, labels), k -> new double[buckets.size() + 1]);
    if (d.length != buckets.size() + 1) {
      return; // another bucket layout: not mixed into this one
    }
    for (int i = 0; i < buckets.size(); i++) {
      d[i] += buckets.get(i);
    }
    d[buckets.size()] += sum;
  }

  void set(Series s, double[] v) {
    values.put(s, v.clone());
  }

  /** A copy, for a scrape or the state file. */
  Map<Series, double[]> copy() {
    Map<Series, double[]> m = new LinkedHashMap<>(values.size() * 2);
    values.forEach((k, v) -> m.put(k, v.clone()));
    return m;
  }

  int size() {
    return values.size();
  }

  /** The series of one family. */
  List<Map.Entry<Series, double[]>> of(Family f) {
    List<Map.Entry<Series, double[]>> out = new ArrayList<>();
    values.forEach(
        (k, v) -> {
          if (k.family().equals(f)) {
            out.add(Map.entry(k, v.clone()));
          }
        });
    return out;
  }
}
