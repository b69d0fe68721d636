package dev.gocachectl.serve;

import dev.gocachectl.notify.Notifier;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * The notifier in {@code /metrics}: {@code gocachectl_notifications_total{webhook,result}} (result:
 * sent, failed — given up after the retries or refused —, dropped — its queue was full) and {@code
 * gocachectl_notification_retries_total{webhook}}. Nothing without webhooks.
 */
final class NotifyMetrics {
  private NotifyMetrics() {}

  static List<MetricSnapshot> of(Notifier n) {
    var stats = n.stats();
    if (stats.isEmpty()) {
      return List.of();
    }
    var sent =
        CounterSnapshot.builder()
            .name("gocachectl_notifications")
            .help("Notifications by webhook and what became of them.");
    var retries =
        CounterSnapshot.builder()
            .name("gocachectl_notification_retries")
            .help("Deliveries tried again after a failure, by webhook.");
    stats.forEach(
        (hook, s) -> {
          point(sent, s.sent(), "webhook", hook, "result", "sent");
          point(sent, s.failed(), "webhook", hook, "result", "failed");
          point(sent, s.dropped(), "webhook", hook, "result", "dropped");
          point(retries, s.retries(), "webhook", hook);
        });
    return List.of(sent.build(), retries.build());
  }

  private static void point(CounterSnapshot.Builder b, long v, String... labels) {
    b.dataPoint(
        CounterSnapshot.CounterDataPointSnapshot.builder()
            .labels(Labels.of(labels))
            .value(v)
            .build());
  }
}
