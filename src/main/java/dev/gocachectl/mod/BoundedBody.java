package dev.gocachectl.mod;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The body of one {@link HttpFetcher} response, bounded: a 200's bytes go to the sink up to the
 * {@link HttpFetcher.Limit} (an announced Content-Length past it fails before anything is read);
 * any other status keeps its first bytes for the message. Counts what arrived, for the deadline.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<Void> {
  /** A body past its kind's bound. */
  static final class TooLong extends IOException {
    private static final long serialVersionUID = 1L;

    TooLong(String message) {
      super(message);
    }
  }

  /** The sink failed (a full disk): not the server's fault. */
  static final class SinkFailed extends IOException {
    private static final long serialVersionUID = 1L;

    SinkFailed(String message, IOException cause) {
      super(message, cause);
    }
  }

  static TooLong tooLong(URI uri, HttpFetcher.Limit limit, long announced) {
    return new TooLong(
        "GET "
            + uri
            + ": the body "
            + (announced >= 0 ? "announces " + announced + " bytes" : "runs")
            + ", more than the "
            + limit.bytes()
            + " bytes "
            + limit.what()
            + " can be; the server is not a working module proxy or checksum database");
  }

  /** Makes the subscriber once the status and headers are known. */
  static final class Handler implements HttpResponse.BodyHandler<Void> {
    private final URI uri;
    private final HttpFetcher.Limit limit;
    private final OutputStream sink;
    private volatile BoundedBody body;

    Handler(URI uri, HttpFetcher.Limit limit, OutputStream sink) {
      this.uri = uri;
      this.limit = limit;
      this.sink = sink;
    }

    @Override
    public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
      boolean ok = info.statusCode() == 200;
      HttpFetcher.Limit l =
          ok ? limit : new HttpFetcher.Limit(HttpFetcher.ERROR_BODY, "an error", true);
      long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      BoundedBody b = new BoundedBody(uri, l, ok ? sink : new ByteArrayOutputStream(), announced);
      body = b;
      return b;
    }

    long received() {
      BoundedBody b = body;
      return b == null ? 0 : b.received.get();
    }

    byte[] errorBody() {
      BoundedBody b = body;
      return b != null && b.sink instanceof ByteArrayOutputStream out
          ? out.toByteArray()
          : new byte[0];
    }

    /** Closes the connection under a body still arriving. */
    void abort() {
      BoundedBody b = body;
      if (b != null) {
        b.cancel();
      }
    }
  }

  private final URI uri;
  private final HttpFetcher.Limit limit;
  private final OutputStream sink;
  private final long announced;
  private final AtomicLong received = new AtomicLong();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;

  private BoundedBody(URI uri, HttpFetcher.Limit limit, OutputStream sink, long announced) {
    this.uri = uri;
    this.limit = limit;
    this.sink = sink;
    this.announced = announced;
  }

  @Override
  public CompletionStage<Void> getBody() {
    return done;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (announced > limit.bytes() && !limit.truncate()) {
      s.cancel();
      done.completeExceptionally(tooLong(uri, limit, announced));
      return;
    }
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (done.isDone()) {
      return;
    }
    for (ByteBuffer b : buffers) {
      long room = limit.bytes() - received.get();
      int n = b.remaining();
      if (n > room) {
        if (!limit.truncate()) {
          finish(tooLong(uri, limit, -1));
          return;
        }
        write(b, (int) room);
        finish(null);
        return;
      }
      if (!write(b, n)) {
        return;
      }
    }
    subscription.request(1);
  }

  private boolean write(ByteBuffer b, int n) {
    try {
      if (b.hasArray()) {
        sink.write(b.array(), b.arrayOffset() + b.position(), n);
      } else {
        byte[] copy = new byte[n];
        b.get(copy);
        sink.write(copy);
      }
      received.addAndGet(n);
      return true;
    } catch (IOException e) {
      finish(new SinkFailed("GET " + uri + ": cannot keep the body: " + e.getMessage(), e));
      return false;
    }
  }

  /** Ends the body early: the rest is not read and the connection is closed. */
  private void finish(IOException e) {
    cancel();
    if (e == null) {
      done.complete(null);
    } else {
      done.completeExceptionally(e);
    }
  }

  void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public void onError(Throwable t) {
    done.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    done.complete(null);
  }
}
