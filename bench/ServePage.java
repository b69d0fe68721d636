// How long serve takes to render its page over a full history (docs/benchmarks.md): BUILDS build
// reports spread over the last 365 days (20 repos, 30 runners, one remote tier) and a year of job
// runs (stats hourly, four jobs daily, with findings that come and go) written into a SQLite
// history through its API, then serve started on that data directory and GET /, /runners and
// /jobs/stats timed from a client on loopback: 5 warm-up requests, then ROUNDS timed ones each.
// Run by bench/serve-page.sh with this build's jar on the class path.
//   java -cp target/gocachectl.jar bench/ServePage.java DATA_DIR BUILDS ROUNDS
import dev.gocachectl.history.History;
import dev.gocachectl.history.JobName;
import dev.gocachectl.history.Observation;
import dev.gocachectl.history.Outcome;
import dev.gocachectl.history.Retention;
import dev.gocachectl.history.RunId;
import dev.gocachectl.prog.BuildReport;
import dev.gocachectl.serve.HistoryOptions;
import dev.gocachectl.serve.ServeOptions;
import dev.gocachectl.serve.ServeServer;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

public class ServePage {
  /** A clock the filling moves by hand, so that runs are recorded at their time. */
  static final class HandClock extends Clock {
    volatile Instant now;

    HandClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  static String line(Random r, int i, Instant time) throws Exception {
    long gets = 500 + r.nextInt(3000);
    long hits = (long) (gets * (0.5 + 0.5 * r.nextDouble()));
    long remote = hits / 5;
    long misses = gets - hits;
    return "{\"id\":\"" + "%016x%016x".formatted(r.nextLong(), i) + "\",\"time\":\"" + time
        + "\",\"pid\":" + i + ",\"mode\":\"daemon\",\"command\":\"go test ./...\","
        + "\"labels\":{\"os\":\"linux\",\"arch\":\"amd64\",\"repo\":\"repo" + (i % 20)
        + "\",\"branch\":\"" + (i % 3 == 0 ? "default" : "branch") + "\",\"runner\":\"runner-"
        + (i % 30) + "\"},\"gets\":" + gets + ",\"hits\":" + hits + ",\"remoteHits\":" + remote
        + ",\"misses\":" + misses + ",\"miss\":{\"new\":" + misses + ",\"trimmed\":0,"
        + "\"dangling\":0,\"invalid\":0},\"puts\":" + misses + ",\"putErrors\":0,\"spilled\":0,"
        + "\"bytesRead\":524288000,\"bytesWritten\":10485760,\"getP50Micros\":45,"
        + "\"getP99Micros\":2100,\"getMicrosBuckets\":[400,900,400,150,80,40,20,6,2,1,1,0,0],"
        + "\"getMicrosSum\":310000,\"wallMillis\":41000,\"pendingUploads\":0,\"remotes\":[{"
        + "\"name\":\"redis://cache:6379\",\"gets\":400,\"hits\":300,\"misses\":95,\"errors\":3,"
        + "\"timeouts\":2,\"verifyFailed\":0,\"rejected\":0,\"refused\":0,\"bytesRead\":104857600,"
        + "\"getP50Micros\":800,\"getP99Micros\":9000,\"uploaded\":100,\"uploadFailed\":0,"
        + "\"dropped\":0,\"tooBig\":0,\"bytesWritten\":10485760}]}";
  }

  public static void main(String[] a) throws Exception {
    Path data = Files.createDirectories(Path.of(a[0]));
    int builds = Integer.parseInt(a[1]);
    int rounds = Integer.parseInt(a[2]);
    Instant now = Instant.now();
    Instant yearAgo = now.minus(Duration.ofDays(365));
    Retention keep = new Retention(Duration.ofDays(400), 100_000);
    HandClock clock = new HandClock(yearAgo);
    Random r = new Random(42);
    long t0 = System.nanoTime();
    int runs = 0;
    try (History h = History.openSqlite(data.resolve(History.DEFAULT_FILE), keep, clock)) {
      List<BuildReport> batch = new ArrayList<>();
      long span = Duration.between(yearAgo, now).toSeconds();
      for (int i = 0; i < builds; i++) {
        Instant t = yearAgo.plusSeconds(span * i / builds);
        batch.add(BuildReport.parse(line(r, i, t)));
        if (batch.size() == 1000 || i == builds - 1) {
          h.addReports(batch, t);
          batch.clear();
        }
      }
      long fill = System.nanoTime();
      System.out.printf("%d reports stored in %.1f s%n", builds, (fill - t0) / 1e9);
      List<String> daily = List.of("verify-ci", "trim-ci", "mod-verify", "mod-sumdb");
      for (Instant t = yearAgo; t.isBefore(now); t = t.plus(Duration.ofHours(1))) {
        List<String> jobs = new ArrayList<>(List.of("stats-ci"));
        if (t.atZone(ZoneOffset.UTC).getHour() == 3) {
          jobs.addAll(daily);
        }
        for (String job : jobs) {
          clock.now = t;
          RunId id = h.startRun(new JobName(job));
          clock.now = t.plusSeconds(2 + r.nextInt(60));
          List<Observation> seen = new ArrayList<>();
          if (!job.startsWith("stats") && r.nextInt(10) == 0) {
            seen.add(new Observation("output-hash-mismatch", "entry " + r.nextInt(5),
                "the output's bytes do not hash to its name", "run gocachectl repair"));
          }
          h.finishRun(id, seen.isEmpty() ? Outcome.OK : Outcome.FINDINGS,
              seen.isEmpty() ? "no findings" : seen.size() + " finding", seen);
          runs++;
        }
      }
      System.out.printf("%d job runs stored in %.1f s%n", runs, (System.nanoTime() - fill) / 1e9);
    }
    ServeOptions o = new ServeOptions(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        data, null, List.of("repo", "branch", "os", "arch", "pipeline", "runner"), 100,
        ServeOptions.DEFAULT_MAX_BODY, 32, List.of(), Duration.ofMinutes(5), Duration.ZERO,
        Duration.ofHours(1), 1000, 4);
    try (ServeServer s = ServeServer.start(o,
            new HistoryOptions(null, keep, Duration.ofDays(1)), "bench", new PrintStream(
                java.io.OutputStream.nullOutputStream()));
        HttpClient http = HttpClient.newHttpClient()) {
      String base = "http://127.0.0.1:" + s.address().getPort();
      for (String path : List.of("/", "/runners", "/jobs/stats-ci")) {
        URI u = URI.create(base + path);
        long[] ms = new long[rounds];
        long first = -1;
        int size = 0;
        for (int i = -5; i < rounds; i++) {
          long b = System.nanoTime();
          HttpResponse<String> res = http.send(HttpRequest.newBuilder(u).build(),
              HttpResponse.BodyHandlers.ofString());
          long e = System.nanoTime();
          if (res.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + res.statusCode() + " " + res.body());
          }
          size = res.body().length();
          if (i >= 0) {
            ms[i] = (e - b) / 1_000_000;
          } else if (first < 0) {
            first = (e - b) / 1_000_000;
          }
        }
        Arrays.sort(ms);
        System.out.printf(
            "GET %-14s first %d ms, then median %d ms, p90 %d ms, max %d ms (%d rounds, %d KiB)%n",
            path, first, ms[rounds / 2], ms[rounds * 9 / 10], ms[rounds - 1], rounds, size / 1024);
      }
    }
  }
}
