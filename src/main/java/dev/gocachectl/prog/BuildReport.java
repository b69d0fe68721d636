package dev.gocachectl.prog;

import dev.gocachectl.remote.TierStats;
import java.time.Instant;
import java.util.List;

/**
 * The per-build report: one line per go invocation in the stats log.
 *
 * <h2>Format</h2>
 *
 * <p>One JSON object per line in {@code <dir>/gocachectl/prog-stats.jsonl}, appended with a single
 * {@code write} (O_APPEND), so lines from concurrent go commands never interleave:
 *
 * <pre>
 * {"time":"2026-11-22T04:05:00Z","pid":4242,"mode":"process","command":"go build ./...",
 *  "gets":512,"hits":498,"remoteHits":12,"misses":14,
 *  "miss":{"new":12,"trimmed":2,"dangling":0,"invalid":0},
 *  "puts":14,"putErrors":0,"spilled":0,"bytesRead":10485760,"bytesWritten":65536,
 *  "getP50Micros":41,"getP99Micros":380,"wallMillis":2311,
 *  "pendingUploads":0,"remotes":[{"name":"redis://cache:6379","gets":26,"hits":12,"misses":14,
 *   "errors":0,"timeouts":0,"verifyFailed":0,"rejected":0,"refused":0,"bytesRead":4096,
 *   "getP50Micros":310,"getP99Micros":900,"uploaded":2,"uploadFailed":0,"dropped":0,"tooBig":0,
 *   "bytesWritten":65536}],
 *  "prefetch":{"manifest":"found","listed":14,"fetched":12,"used":12,"stale":false,"wrote":false}}
 * </pre>
 *
 * <p>{@code command} is the parent process's command line when the OS tells it (null otherwise).
 * {@code spilled} counts puts the local tier could not take (a full disk), handed to go from a
 * temporary directory and not cached ({@link Spill}). {@code remoteHits} counts the hits served by
 * a remote tier. {@code pendingUploads} and {@code remotes} appear only with {@code --remote}: one
 * object per tier in order, with its get outcomes (a miss is counted once per tier asked; {@code
 * verifyFailed} is a body whose hash or size was wrong, {@code rejected} a record without a valid
 * signature, {@code refused} a lookup the open circuit breaker skipped) and its uploads ({@code
 * dropped}: queue full or drain timed out; {@code tooBig}: over the store's size limit), and after
 * a failure {@code firstFailure}: what the store said the first time (its URL without a password).
 * The same goes to go's standard error once per go command, as one line per failing tier. {@code
 * prefetch} appears when the session prefetched ({@link Prefetch}): the manifest's state ({@code
 * none}, {@code found}, {@code malformed}, or {@code unavailable} when a remote failed to answer),
 * the actions it listed, how many of them were fetched ahead, how many gets those answered, whether
 * the prefetch stopped as stale, and whether a new manifest reached at least one remote. A get
 * answered from a prefetched copy counts as a hit of the tier it came from, in {@code remoteHits}
 * too.
 */
record BuildReport(
    Instant time,
    long pid,
    String mode,
    String command,
    SessionStats.Counts counts,
    List<String> remoteNames,
    List<TierStats.Snapshot> remotes,
    int pendingUploads,
    Prefetch.Counts prefetch,
    long wallMillis) {

  String toJsonLine() {
    StringBuilder b = new StringBuilder(384);
    b.append("{\"time\":\"").append(time).append('"');
    b.append(",\"pid\":").append(pid);
    b.append(",\"mode\":").append(ResponseWriter.quote(mode));
    b.append(",\"command\":").append(command == null ? "null" : ResponseWriter.quote(command));
    b.append(",\"gets\":").append(counts.gets());
    b.append(",\"hits\":").append(counts.hits());
    b.append(",\"remoteHits\":").append(counts.remoteHits());
    b.append(",\"misses\":").append(counts.missCount());
    b.append(",\"miss\":{");
    String sep = "";
    for (MissKind k : MissKind.values()) {
      b.append(sep)
          .append('"')
          .append(k.id())
          .append("\":")
          .append(counts.misses().getOrDefault(k, 0L));
      sep = ",";
    }
    b.append('}');
    b.append(",\"puts\":").append(counts.puts());
    b.append(",\"putErrors\":").append(counts.putErrors());
    b.append(",\"spilled\":").append(counts.spilled());
    b.append(",\"bytesRead\":").append(counts.bytesRead());
    b.append(",\"bytesWritten\":").append(counts.bytesWritten());
    b.append(",\"getP50Micros\":").append(counts.getP50Nanos() / 1000);
    b.append(",\"getP99Micros\":").append(counts.getP99Nanos() / 1000);
    b.append(",\"wallMillis\":").append(wallMillis);
    if (!remotes.isEmpty()) {
      b.append(",\"pendingUploads\":").append(pendingUploads);
      b.append(",\"remotes\":[");
      for (int i = 0; i < remotes.size(); i++) {
        b.append(i == 0 ? "" : ",");
        tier(b, remoteNames.get(i), remotes.get(i));
      }
      b.append(']');
    }
    if (prefetch != null) {
      b.append(",\"prefetch\":{\"manifest\":").append(ResponseWriter.quote(prefetch.manifest()));
      b.append(",\"listed\":").append(prefetch.listed());
      b.append(",\"fetched\":").append(prefetch.fetched());
      b.append(",\"used\":").append(prefetch.used());
      b.append(",\"stale\":").append(prefetch.stale());
      b.append(",\"wrote\":").append(prefetch.wrote());
      b.append('}');
    }
    return b.append("}\n").toString();
  }

  /**
   * For go's standard error: one line per remote tier that failed in this session, with the counts
   * and the store's first message, so that a remote that is down, refuses the credentials or serves
   * bad bytes is seen and not only counted. Empty when every tier worked.
   */
  List<String> remoteFailures() {
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < remotes.size(); i++) {
      TierStats.Snapshot t = remotes.get(i);
      if (t.failures() == 0) {
        continue;
      }
      StringBuilder b = new StringBuilder("gocachectl prog: remote ").append(remoteNames.get(i));
      // the report's own field names, so that the line leads to prog-stats.jsonl
      long[] n = {
        t.errors(), t.timeouts(), t.verifyFailed(), t.rejected(), t.refused(), t.uploadFailed()
      };
      String[] field = {
        "errors", "timeouts", "verifyFailed", "rejected", "refused", "uploadFailed"
      };
      String sep = ": ";
      for (int k = 0; k < n.length; k++) {
        if (n[k] > 0) {
          b.append(sep).append(field[k]).append('=').append(n[k]);
          sep = " ";
        }
      }
      if (t.firstFailure() != null) {
        b.append("; first: ").append(t.firstFailure());
      }
      lines.add(b.append(" (each a miss or an upload skipped; the build went on)").toString());
    }
    return lines;
  }

  private static void tier(StringBuilder b, String name, TierStats.Snapshot t) {
    b.append("{\"name\":").append(ResponseWriter.quote(name));
    b.append(",\"gets\":").append(t.gets());
    b.append(",\"hits\":").append(t.hits());
    b.append(",\"misses\":").append(t.misses());
    b.append(",\"errors\":").append(t.errors());
    b.append(",\"timeouts\":").append(t.timeouts());
    b.append(",\"verifyFailed\":").append(t.verifyFailed());
    b.append(",\"rejected\":").append(t.rejected());
    b.append(",\"refused\":").append(t.refused());
    b.append(",\"bytesRead\":").append(t.bytesRead());
    b.append(",\"getP50Micros\":").append(t.getP50Nanos() / 1000);
    b.append(",\"getP99Micros\":").append(t.getP99Nanos() / 1000);
    b.append(",\"uploaded\":").append(t.uploaded());
    b.append(",\"uploadFailed\":").append(t.uploadFailed());
    b.append(",\"dropped\":").append(t.dropped());
    b.append(",\"tooBig\":").append(t.skippedTooBig());
    b.append(",\"bytesWritten\":").append(t.bytesWritten());
    if (t.firstFailure() != null) {
      b.append(",\"firstFailure\":").append(ResponseWriter.quote(t.firstFailure()));
    }
    b.append('}');
  }
}
