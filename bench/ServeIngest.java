// Ingestion throughput of gocachectl serve: CLIENTS threads post one report per request (as
// runners send them), each report a real prog line of a go command with 2,000 gets and one
// remote tier, all with distinct IDs. Run by bench/serve-ingest.sh against a running serve.
// BATCH (default 1) reports per request instead, as report push and a spool resend send them.
//   java bench/ServeIngest.java URL TOKEN REPORTS CLIENTS [BATCH]
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

public class ServeIngest {
  static String line(int i) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String id = "%016x%016x".formatted(r.nextLong(), r.nextLong());
    return ("{\"id\":\"" + id + "\",\"time\":\"2026-12-07T23:00:00Z\",\"pid\":" + i
        + ",\"mode\":\"daemon\",\"command\":\"go test ./...\",\"labels\":{\"os\":\"linux\","
        + "\"arch\":\"amd64\",\"repo\":\"repo" + (i % 20) + "\",\"branch\":\"default\"},"
        + "\"gets\":2000,\"hits\":1900,\"remoteHits\":300,\"misses\":100,\"miss\":{\"new\":80,"
        + "\"trimmed\":15,\"dangling\":5,\"invalid\":0},\"puts\":100,\"putErrors\":0,\"spilled\":0,"
        + "\"bytesRead\":524288000,\"bytesWritten\":10485760,\"getP50Micros\":45,"
        + "\"getP99Micros\":2100,\"getMicrosBuckets\":[400,900,400,150,80,40,20,6,2,1,1,0,0],"
        + "\"getMicrosSum\":310000,\"wallMillis\":41000,\"pendingUploads\":0,\"remotes\":[{"
        + "\"name\":\"redis://cache:6379\",\"gets\":400,\"hits\":300,\"misses\":95,\"errors\":3,"
        + "\"timeouts\":2,\"verifyFailed\":0,\"rejected\":0,\"refused\":0,\"bytesRead\":104857600,"
        + "\"getP50Micros\":800,\"getP99Micros\":9000,\"uploaded\":100,\"uploadFailed\":0,"
        + "\"dropped\":0,\"tooBig\":0,\"bytesWritten\":10485760}],\"prefetch\":{\"manifest\":"
        + "\"found\",\"listed\":1500,\"fetched\":300,\"used\":290,\"stale\":false,\"wrote\":true}}\n");
  }

  public static void main(String[] a) throws Exception {
    URI to = URI.create(a[0] + "/api/reports");
    String token = a[1];
    int reports = Integer.parseInt(a[2]);
    int clients = Integer.parseInt(a[3]);
    int batch = a.length > 4 ? Integer.parseInt(a[4]) : 1;
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Thread[] t = new Thread[clients];
    long t0 = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      t[c] = Thread.ofPlatform().start(() -> {
        for (int i; (i = next.getAndAdd(batch)) < reports; ) {
          StringBuilder body = new StringBuilder();
          for (int k = i; k < Math.min(reports, i + batch); k++) body.append(line(k));
          try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(to)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) failed.incrementAndGet();
          } catch (Exception e) {
            failed.incrementAndGet();
          }
        }
      });
    }
    for (Thread x : t) x.join();
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%d reports, %d clients, %d per request: %.1f s, %.0f reports/s, %d failed%n",
        reports, clients, batch, s, reports / s, failed.get());
    http.close();
  }
}
