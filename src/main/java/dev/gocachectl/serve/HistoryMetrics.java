package dev.gocachectl.serve;

import dev.gocachectl.history.History;
import dev.gocachectl.history.HistoryException;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * The history's health in {@code /metrics}: {@code gocachectl_history_up} (1 while its last
 * operation worked, 0 while it fails, with the problem as a label) and {@code
 * gocachectl_history_failures_total{problem}} (every problem of {@link HistoryException.Problem},
 * from 0).
 */
final class HistoryMetrics {
  private HistoryMetrics() {}

  static List<MetricSnapshot> of(History h) {
    History.Health health = h.health();
    var failures = h.failures();
    var counter =
        CounterSnapshot.builder()
            .name("gocachectl_history_failures")
            .help("Operations on the history database that failed, by problem.");
    for (HistoryException.Problem p : HistoryException.Problem.values()) {
      counter.dataPoint(
          CounterSnapshot.CounterDataPointSnapshot.builder()
              .labels(Labels.of("problem", p.id()))
              .value(failures.getOrDefault(p, 0L))
              .build());
    }
    return List.of(
        GaugeSnapshot.builder()
            .name("gocachectl_history_up")
            .help(
                "1 while the history database works, 0 while it fails (problem: full, read-only,"
                    + " unavailable, corrupt, busy or error).")
            .dataPoint(
                GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("problem", health.ok() ? "" : health.problem().id()))
                    .value(health.ok() ? 1 : 0)
                    .build())
            .build(),
        counter.build());
  }
}
