package dev.gocachectl.prog;

import dev.gocachectl.remote.TierStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The per-build report: one line per go invocation in the stats log.
 *
 * <h2>Format</h2>
 *
 * <p>One JSON object per line in {@code <dir>/gocachectl/prog-stats.jsonl}, appended with a single
 * {@code write} (O_APPEND), so lines from concurrent go commands never interleave:
 *
 * <pre>
 * {"id":"5f0c6e2a9b1d4c3e8a7f6b5d4c3b2a19","time":"2026-11-22T04:05:00Z","pid":4242,
 *  "mode":"process","command":"go build ./...","labels":{"repo":"shop","os":"linux"},
 *  "gets":512,"hits":498,"remoteHits":12,"misses":14,
 *  "miss":{"new":12,"trimmed":2,"dangling":0,"invalid":0},
 *  "puts":14,"putErrors":0,"spilled":0,"bytesRead":10485760,"bytesWritten":65536,
 *  "getP50Micros":41,"getP99Micros":380,"getMicrosBuckets":[3,300,150,40,10,5,2,1,1,0,0,0,0],
 *  "getMicrosSum":61440,"wallMillis":2311,
 *  "pendingUploads":0,"remotes":[{"name":"redis://cache:6379","gets":26,"hits":12,"misses":14,
 *   "errors":0,"timeouts":0,"verifyFailed":0,"rejected":0,"refused":0,"bytesRead":4096,
 *   "getP50Micros":310,"getP99Micros":900,"uploaded":2,"uploadFailed":0,"dropped":0,"tooBig":0,
 *   "bytesWritten":65536}],
 *  "prefetch":{"manifest":"found","listed":14,"fetched":12,"used":12,"stale":false,"wrote":false}}
 * </pre>
 *
 * <p>{@code id} is the report's {@link ReportId}, so that a report sent twice is counted once.
 * {@code command} is the parent process's command line when the OS tells it (null otherwise).
 * {@code labels} (present when there are any) are what the user chose to group reports by ({@code
 * prog --label}, or the CI's own variables: {@link ReportLabels}). {@code getMicrosBuckets} counts
 * the gets by latency: one number per bucket of {@link #GET_BUCKETS_MICROS} (upper bounds in
 * microseconds, inclusive), then one for the slower ones; {@code getMicrosSum} is their total.
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
 * too. When the manifest found was another runner's, {@code prefetch.other} names that runner
 * ({@code GOCACHECTL_RUNNER} or its host name), counts the actions its run used that this one did
 * not ask for ({@code notAsked}) and lists the {@link BuildFingerprint} fields that differ ({@code
 * differ}): {@code "other":{"runner":"ci-7","notAsked":412,"differ":["module root"]}}.
 *
 * <p>{@link #parse} reads a line back into the same record, for the service that receives reports
 * from other machines: it takes nothing on trust (bounded strings, depth and counts, a valid ID and
 * time, no negative counts) and ignores fields it does not know, so older readers accept newer
 * lines.
 */
public record BuildReport(
    ReportId id,
    Instant time,
    long pid,
    String mode,
    String command,
    Map<String, String> labels,
    SessionStats.Counts counts,
    List<String> remoteNames,
    List<TierStats.Snapshot> remotes,
    int pendingUploads,
    Prefetch.Counts prefetch,
    long wallMillis) {

  /** Upper bounds of the get latency buckets, in microseconds; a last bucket takes the rest. */
  public static final List<Long> GET_BUCKETS_MICROS =
      List.of(
          100L,
          250L,
          500L,
          1_000L,
          2_500L,
          5_000L,
          10_000L,
          25_000L,
          50_000L,
          100_000L,
          250_000L,
          1_000_000L);

  /** At most this many labels, names up to 64 characters and values up to 256, in a report. */
  public static final int MAX_LABELS = 32;

  /** At most this many remote tiers in a report read back. */
  static final int MAX_REMOTES = 16;

  /** A report line that {@link #parse} refuses, and why. */
  public static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedException(String message) {
      super(message);
    }
  }

  /** The bucket of {@link #GET_BUCKETS_MICROS} that a get of {@code nanos} falls in. */
  static int bucketOf(long nanos) {
    long micros = nanos / 1000;
    for (int i = 0; i < GET_BUCKETS_MICROS.size(); i++) {
      if (micros <= GET_BUCKETS_MICROS.get(i)) {
        return i;
      }
    }
    return GET_BUCKETS_MICROS.size();
  }

  /**
   * The go command's verb, from its command line: {@code build}, {@code test}, {@code vet}, {@code
   * list}, or {@code other} (another verb, or no command line). Only the verb: the rest of a
   * command line names packages, which are not for grouping.
   */
  public String verb() {
    if (command == null) {
      return "other";
    }
    String[] words = command.strip().split("\\s+");
    for (int i = 0; i < words.length - 1; i++) {
      String w = words[i];
      String base = w.substring(w.lastIndexOf('/') + 1);
      if (base.equals("go") || base.equals("go.exe")) {
        return switch (words[i + 1]) {
          case "build", "test", "vet", "list" -> words[i + 1];
          default -> "other";
        };
      }
    }
    return "other";
  }

  public String toJsonLine() {
    StringBuilder b = new StringBuilder(384);
    b.append("{\"id\":\"").append(id).append('"');
    b.append(",\"time\":\"").append(time).append('"');
    b.append(",\"pid\":").append(pid);
    b.append(",\"mode\":").append(ResponseWriter.quote(mode));
    b.append(",\"command\":").append(command == null ? "null" : ResponseWriter.quote(command));
    if (!labels.isEmpty()) {
      b.append(",\"labels\":{");
      String sep = "";
      for (Map.Entry<String, String> l : labels.entrySet()) {
        b.append(sep).append(ResponseWriter.quote(l.getKey())).append(':');
        b.append(ResponseWriter.quote(l.getValue()));
        sep = ",";
      }
      b.append('}');
    }
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
    b.append(",\"getMicrosBuckets\":[");
    for (int i = 0; i < counts.getBuckets().size(); i++) {
      b.append(i == 0 ? "" : ",").append(counts.getBuckets().get(i));
    }
    b.append(']');
    b.append(",\"getMicrosSum\":").append(counts.getNanosSum() / 1000);
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
      if (prefetch.other() != null) {
        Prefetch.Other o = prefetch.other();
        b.append(",\"other\":{\"runner\":").append(ResponseWriter.quote(o.runner()));
        b.append(",\"notAsked\":").append(o.notAsked()).append(",\"differ\":[");
        for (int i = 0; i < o.differ().size(); i++) {
          b.append(i == 0 ? "" : ",").append(ResponseWriter.quote(o.differ().get(i)));
        }
        b.append("]}");
      }
      b.append('}');
    }
    return b.append("}\n").toString();
  }

  /**
   * Reads one line written by {@link #toJsonLine} (see the class comment for what it refuses). The
   * reader is a class of its own, so that a go command, which only writes reports, never loads the
   * JSON library.
   */
  public static BuildReport parse(String line) throws MalformedException {
    return BuildReportReader.parse(line);
  }

  /**
   * For go's standard error: one line per remote tier that failed in this session, with the counts
   * and the store's first message, so that a remote that is down, refuses the credentials or serves
   * bad bytes is seen and not only counted; and one line per tier that skipped outputs over its
   * size limit, saying which setting to raise. Empty when every tier worked and took everything.
   */
  public List<String> remoteFailures() {
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < remotes.size(); i++) {
      TierStats.Snapshot t = remotes.get(i);
      if (t.skippedTooBig() > 0) {
        // outputs over the store's size limit are the costliest to rebuild: say so, once
        lines.add(
            "gocachectl prog: remote "
                + remoteNames.get(i)
                + ": tooBig="
                + t.skippedTooBig()
                + " outputs not uploaded for their size (the largest "
                + mib(t.largestTooBig())
                + "); other runners rebuild them: "
                + t.tooBigAdvice());
      }
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

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
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
