package dev.gocachectl.prog;

import dev.gocachectl.cache.CacheDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends {@link BuildReport} lines to {@code gocachectl serve}, keeping what could not be sent.
 *
 * <h2>Format</h2>
 *
 * <p>{@code <dir>/gocachectl/report-spool.jsonl} holds the report lines not yet accepted by the
 * service, oldest first, in the stats log's format; {@code report-spool.lock} serialises the go
 * commands (and {@code report push}) that append to it and send it. A send posts everything
 * spooled, in batches of at most {@value #BATCH_LINES} lines, to {@code POST <url>/api/reports}
 * with the token as {@code Authorization: Bearer}; what the service accepted (or refused as
 * malformed: sending it again would not help) leaves the spool, the rest stays for the next send.
 * Past {@value #MAX_LINES} lines or {@value #MAX_BYTES} bytes the oldest lines are dropped: a
 * runner that never reaches the service keeps a bounded spool (a day of go commands on a busy
 * runner fits). The service counts a report once whatever how often it is sent ({@link ReportId}).
 *
 * <p>{@code report-pushed} holds the time of the newest stats-log line {@code report push} sent, so
 * that the next push starts after it.
 */
public final class ReportSpool {
  public static final String FILE = "report-spool.jsonl";
  static final String LOCK = "report-spool.lock";
  static final String PUSHED = "report-pushed";
  static final int MAX_LINES = 10_000;
  static final long MAX_BYTES = 16L << 20;
  static final int BATCH_LINES = 500;
  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1000);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

  /**
   * Where reports go: the service's base URL ({@code http://HOST:PORT}) or its {@code /api/reports}
   * endpoint, and the token (null: none).
   */
  public record Target(URI url, String token) {
    public Target {
      String scheme = url.getScheme();
      if (scheme == null
          || !(scheme.equals("http") || scheme.equals("https"))
          || url.getHost() == null) {
        throw new IllegalArgumentException(
            "the report URL \"" + url + "\" is not http(s)://HOST:PORT of gocachectl serve");
      }
    }

    URI endpoint() {
      String path = url.getPath();
      if (path != null && path.endsWith("/api/reports")) {
        return url;
      }
      String base = url.toString().replaceAll("/+$", "");
      return URI.create(base + "/api/reports");
    }
  }

  /**
   * What a send did: lines the service took, lines still spooled, old lines dropped to keep the
   * spool bounded, and the first failure (null when everything went).
   */
  public record Outcome(int sent, int kept, int dropped, String failure) {}

  private ReportSpool() {}

  /** The spool file of a prog directory. */
  public static Path file(CacheDir dir) {
    return dir.root().resolve(CacheDir.TOOL_STATE).resolve(FILE);
  }

  /** Spools {@code line}, then sends everything spooled. Never throws: failures are returned. */
  static Outcome appendAndSend(CacheDir dir, String line, Target target) {
    try {
      return underLock(dir, List.of(line), target);
    } catch (IOException e) {
      return new Outcome(0, 0, 0, "cannot use " + file(dir) + ": " + e.getMessage());
    }
  }

  /**
   * {@code report push}: the spool plus the stats log's lines newer than the last push, sent now.
   * Lines without an ID (written before reports had one) are skipped and counted in {@code
   * dropped}.
   */
  public static Outcome push(CacheDir dir, Target target) throws IOException {
    Path marker = file(dir).resolveSibling(PUSHED);
    String since = null;
    try {
      since = Files.readString(marker, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      // never pushed
    }
    List<String> fresh = new ArrayList<>();
    String newest = since;
    int old = 0;
    Path current = StatsLog.file(dir);
    for (Path p : List.of(current.resolveSibling(StatsLog.FILE + ".1"), current)) {
      List<String> lines;
      try {
        lines = Files.readAllLines(p, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        continue;
      }
      for (String l : lines) {
        BuildReport r;
        try {
          r = BuildReport.parse(l);
        } catch (BuildReport.MalformedException e) {
          old += l.isBlank() ? 0 : 1;
          continue;
        }
        String t = r.time().toString();
        if (since == null || r.time().isAfter(java.time.Instant.parse(since))) {
          fresh.add(l.endsWith("\n") ? l : l + "\n");
          if (newest == null || r.time().isAfter(java.time.Instant.parse(newest))) {
            newest = t;
          }
        }
      }
    }
    Outcome o = underLock(dir, fresh, target);
    if (o.failure() == null && newest != null) {
      Path tmp = marker.resolveSibling(PUSHED + ".tmp");
      Files.writeString(tmp, newest + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    return new Outcome(o.sent(), o.kept(), o.dropped() + old, o.failure());
  }

  private static Outcome underLock(CacheDir dir, List<String> add, Target target)
      throws IOException {
    Path spool = file(dir);
    Files.createDirectories(spool.getParent());
    try (FileChannel lockFile =
            FileChannel.open(
                spool.resolveSibling(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      List<String> lines = new ArrayList<>();
      try {
        for (String l : Files.readAllLines(spool, StandardCharsets.UTF_8)) {
          if (!l.isBlank()) {
            lines.add(l + "\n");
          }
        }
      } catch (NoSuchFileException e) {
        // nothing spooled
      }
      for (String l : add) {
        lines.add(l.endsWith("\n") ? l : l + "\n");
      }
      int sent = 0;
      int dropped = 0;
      String failure = null;
      while (!lines.isEmpty() && failure == null) {
        List<String> batch = lines.subList(0, Math.min(BATCH_LINES, lines.size()));
        Posted p = post(target, batch);
        failure = p.failure();
        if (p.consumed()) {
          if (failure == null) {
            sent += batch.size();
          } else {
            dropped += batch.size();
          }
          batch.clear();
        }
      }
      long bytes = lines.stream().mapToLong(String::length).sum();
      while (!lines.isEmpty() && (lines.size() > MAX_LINES || bytes > MAX_BYTES)) {
        bytes -= lines.removeFirst().length();
        dropped++;
      }
      if (lines.isEmpty()) {
        Files.deleteIfExists(spool);
      } else {
        Path tmp = spool.resolveSibling(FILE + ".tmp");
        Files.write(tmp, String.join("", lines).getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, spool, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      return new Outcome(sent, lines.size(), dropped, failure);
    }
  }

  /**
   * What a post did: {@code consumed} when the batch leaves the spool (taken, or refused as
   * malformed, 400), {@code failure} what went wrong (null: nothing).
   */
  private record Posted(boolean consumed, String failure) {}

  private static Posted post(Target target, List<String> batch) {
    URI to = target.endpoint();
    byte[] body = String.join("", batch).getBytes(StandardCharsets.UTF_8);
    HttpURLConnection c = null;
    try {
      c = (HttpURLConnection) to.toURL().openConnection(java.net.Proxy.NO_PROXY);
      c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      c.setReadTimeout((int) READ_TIMEOUT.toMillis());
      c.setInstanceFollowRedirects(false); // the token goes to the URL given, nowhere else
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(body.length);
      c.setRequestProperty("Content-Type", "application/x-ndjson");
      if (target.token() != null) {
        c.setRequestProperty("Authorization", "Bearer " + target.token());
      }
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int code = c.getResponseCode();
      InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream();
      String answer = "";
      if (in != null) {
        try (in) {
          answer = new String(in.readNBytes(512), StandardCharsets.UTF_8).strip();
        }
      }
      if (code / 100 == 2) {
        return new Posted(true, null);
      }
      String failure =
          to + " answered " + code + (answer.isEmpty() ? "" : ": " + printable(answer));
      return new Posted(code == 400, failure);
    } catch (IOException | RuntimeException e) {
      return new Posted(false, "cannot send to " + to + ": " + e);
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }

  private static String printable(String s) {
    return s.replaceAll("[\\p{Cntrl}]", " ");
  }
}
