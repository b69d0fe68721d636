package dev.gocachectl.serve;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /metrics}: the counters of {@link Ingest}, the cache gauges of {@link CacheWatch} and the
 * build info, turned into the Prometheus Java client's snapshots and written by its text or
 * OpenMetrics writer (whichever the scraper's {@code Accept} asks for).
 */
final class MetricsExport {
  private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.create();
  private static final ExpositionFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.create();

  private final Ingest ingest;
  private final CacheWatch caches;
  private final String version;
  private final Supplier<List<MetricSnapshot>> more;

  MetricsExport(
      Ingest ingest, CacheWatch caches, String version, Supplier<List<MetricSnapshot>> more) {
    this.ingest = ingest;
    this.caches = caches;
    this.version = version;
    this.more = more;
  }

  /** The writer for a request's {@code Accept} header. */
  static ExpositionFormatWriter writerFor(String accept) {
    return OPEN_METRICS.accepts(accept) ? OPEN_METRICS : TEXT;
  }

  void write(OutputStream out, ExpositionFormatWriter w) throws IOException {
    w.write(out, collect(), EscapingScheme.UNDERSCORE_ESCAPING);
  }

  MetricSnapshots collect() {
    List<MetricSnapshot> all = new ArrayList<>();
    List<String> user = ingest.labels().names();
    Map<Family, List<Map.Entry<Series, double[]>>> byFamily = new LinkedHashMap<>();
    ReportMetrics.ALL.forEach(f -> byFamily.put(f, new ArrayList<>()));
    ingest.scrape().forEach((k, v) -> byFamily.get(k.family()).add(Map.entry(k, v)));
    long created = ingest.createdMillis();
    byFamily.forEach(
        (f, series) -> {
          if (!series.isEmpty()) {
            all.add(snapshot(f, series, user, created));
          }
        });
    all.addAll(caches.snapshots());
    all.addAll(more.get());
    // a gauge named _info rather than an OpenMetrics info: Prometheus 2.x's parser (promtool
    // check metrics included) does not know the info type
    all.add(
        GaugeSnapshot.builder()
            .name("gocachectl_build_info")
            .help("The version of gocachectl serve and of the JVM it runs on (always 1).")
            .dataPoint(
                GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .value(1)
                    .labels(
                        Labels.of("version", version, "java", System.getProperty("java.version")))
                    .build())
            .build());
    return new MetricSnapshots(all);
  }

  private static MetricSnapshot snapshot(
      Family f, List<Map.Entry<Series, double[]>> series, List<String> user, long created) {
    List<String> names = new ArrayList<>();
    if (f.byUser()) {
      names.addAll(user);
    }
    names.addAll(f.labels());
    return switch (f.type()) {
      case COUNTER -> {
        var b = CounterSnapshot.builder().name(f.name()).help(f.help());
        for (var e : series) {
          b.dataPoint(
              CounterSnapshot.CounterDataPointSnapshot.builder()
                  .labels(Labels.of(names, e.getKey().values()))
                  .value(e.getValue()[0])
                  .createdTimestampMillis(created)
                  .build());
        }
        yield b.build();
      }
      case GAUGE -> {
        var b = GaugeSnapshot.builder().name(f.name()).help(f.help());
        for (var e : series) {
          b.dataPoint(
              GaugeSnapshot.GaugeDataPointSnapshot.builder()
                  .labels(Labels.of(names, e.getKey().values()))
                  .value(e.getValue()[0])
                  .build());
        }
        yield b.build();
      }
      case HISTOGRAM -> {
        double[] bounds = ReportMetrics.getBounds();
        var b = HistogramSnapshot.builder().name(f.name()).help(f.help());
        for (var e : series) {
          double[] v = e.getValue();
          double[] upper = new double[bounds.length + 1];
          long[] counts = new long[bounds.length + 1];
          for (int i = 0; i <= bounds.length; i++) {
            upper[i] = i < bounds.length ? bounds[i] : Double.POSITIVE_INFINITY;
            counts[i] = (long) v[i];
          }
          b.dataPoint(
              HistogramSnapshot.HistogramDataPointSnapshot.builder()
                  .labels(Labels.of(names, e.getKey().values()))
                  .classicHistogramBuckets(ClassicHistogramBuckets.of(upper, counts))
                  .sum(v[bounds.length + 1])
                  .createdTimestampMillis(created)
                  .build());
        }
        yield b.build();
      }
    };
  }
}
