package dev.gocachectl.notify;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One webhook's queue and the virtual thread that empties it in order, each notification tried as
 * {@link RetryPolicy} says. A 2xx answer is success; no answer, a timeout, 408, 429 or a 5xx is
 * tried again; any other answer (a 4xx: the receiver refuses this body) is given up at once. Never
 * follows a redirect.
 */
final class Delivery {
  private static final Event STOP = new Event(null, "", null, null, null, null, "");

  private final Webhook hook;
  private final HttpClient http;
  private final Signature signature;
  private final RetryPolicy policy;
  private final PrintStream log;
  private final BlockingQueue<Event> queue;
  private final Thread thread;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  Delivery(
      Webhook hook, HttpClient http, Signature signature, RetryPolicy policy, PrintStream log) {
    this.hook = hook;
    this.http = http;
    this.signature = signature;
    this.policy = policy;
    this.log = log;
    this.queue = new ArrayBlockingQueue<>(policy.queue() + 1); // room for STOP
    this.thread = Thread.ofVirtual().name("notify-" + hook.name()).start(this::run);
  }

  Webhook hook() {
    return hook;
  }

  /** Queues {@code e}; never waits. False (and counted) when the queue is full. */
  boolean offer(Event e) {
    if (queue.size() >= policy.queue() || !queue.offer(e)) {
      dropped.incrementAndGet();
      log.println(
          "gocachectl serve: notify: "
              + hook.describe()
              + ": queue full ("
              + policy.queue()
              + "), dropped "
              + e.key());
      return false;
    }
    return true;
  }

  Notifier.Stats stats() {
    return new Notifier.Stats(sent.get(), failed.get(), dropped.get(), retries.get());
  }

  private void run() {
    try {
      for (Event e = queue.take(); e != STOP; e = queue.take()) {
        deliver(e);
      }
    } catch (InterruptedException e) {
      // closing: what is left is not sent
    }
  }

  private void deliver(Event e) throws InterruptedException {
    byte[] body = Bodies.of(hook.format(), e);
    String why = null;
    for (int n = 1; n <= policy.attempts(); n++) {
      if (n > 1) {
        retries.incrementAndGet();
        Thread.sleep(policy.waitAfter(n - 1)); // backoff between attempts, on this thread only
      }
      Attempt a = attempt(e, body);
      if (a == Attempt.OK) {
        sent.incrementAndGet();
        return;
      }
      why = a.reason;
      if (!a.again) {
        break;
      }
    }
    failed.incrementAndGet();
    log.println(
        "gocachectl serve: notify: gave up sending "
            + e.key()
            + " to "
            + hook.describe()
            + ": "
            + why);
  }

  /** The result of one try. */
  private record Attempt(boolean again, String reason) {
    static final Attempt OK = new Attempt(false, null);
  }

  private Attempt attempt(Event e, byte[] body) throws InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(hook.url())
            .timeout(policy.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "gocachectl-notify")
            .header("X-Gocachectl-Event", e.kind().id())
            .header("X-Gocachectl-Delivery", e.key())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      b.header(Signature.HEADER, signature.sign(body));
    }
    CompletableFuture<HttpResponse<Void>> f =
        http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding());
    int code;
    try {
      code = f.get(policy.timeout().toMillis(), TimeUnit.MILLISECONDS).statusCode();
    } catch (TimeoutException x) {
      f.cancel(true);
      return new Attempt(true, "no answer within " + policy.timeout().toSeconds() + " s");
    } catch (ExecutionException x) {
      Throwable c = x.getCause() == null ? x : x.getCause();
      return new Attempt(
          true, c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage());
    } catch (InterruptedException x) {
      f.cancel(true);
      throw x;
    }
    if (code / 100 == 2) {
      return Attempt.OK;
    }
    boolean again = code == 408 || code == 429 || code >= 500;
    return new Attempt(again, "HTTP " + code + (again ? "" : " (the receiver refuses it)"));
  }

  /** Lets the queue empty for up to {@code millis}, then stops the thread. */
  void close(long millis) {
    queue.offer(STOP); // there is always room for it
    try {
      if (!thread.join(java.time.Duration.ofMillis(millis))) {
        thread.interrupt();
        thread.join(java.time.Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.interrupt();
    }
  }
}
