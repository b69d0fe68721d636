package dev.gocachectl.history;

import dev.gocachectl.prog.BuildReport;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Build reports for the history tests, read by the parser serve uses. */
final class Reports {
  private Reports() {}

  static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  static BuildReport report(
      Instant time, Map<String, String> labels, long gets, long hits, long missNew) {
    return report(newId(), time, labels, gets, hits, missNew);
  }

  static BuildReport report(
      String id, Instant time, Map<String, String> labels, long gets, long hits, long missNew) {
    StringBuilder l = new StringBuilder();
    labels.forEach(
        (k, v) -> {
          if (!l.isEmpty()) {
            l.append(',');
          }
          l.append('"').append(k).append("\":\"").append(v).append('"');
        });
    String line =
        ("{\"id\":\"%s\",\"time\":\"%s\",\"pid\":1,\"mode\":\"process\",\"command\":\"go build"
                + " ./...\",\"labels\":{%s},\"gets\":%d,\"hits\":%d,\"remoteHits\":1,"
                + "\"miss\":{\"new\":%d,\"trimmed\":%d,\"dangling\":0,\"invalid\":0},"
                + "\"wallMillis\":1500}")
            .formatted(id, time, l, gets, hits, missNew, gets - hits - missNew);
    try {
      return BuildReport.parse(line);
    } catch (BuildReport.MalformedException e) {
      throw new AssertionError(line + ": " + e.getMessage(), e);
    }
  }
}
