package dev.gocachectl.remote.s3;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStore;
import dev.gocachectl.remote.RemoteStoreException;
import dev.gocachectl.remote.TransferDeadline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A store in an S3 bucket (AWS or compatible) through the AWS SDK v2 and its JDK-based
 * url-connection-client. Object keys:
 *
 * <pre>
 * {prefix}/ac/{action hex}     the record
 * {prefix}/cas/{output hex}    the output, streamed both ways (one PUT: up to 5 GiB)
 * </pre>
 *
 * The client ({@link S3Clients}) never retries, computes and checks checksums only when S3 requires
 * them, and bounds each call by the request timeout; an upload gets {@link
 * RemoteOptions#transferTimeout} of its size, a download the same once its length is known (a
 * {@link TransferDeadline} aborts the stream). Absent keys answer 404: a miss whatever the error
 * code ({@code NoSuchKey} at AWS), except {@code NoSuchBucket}.
 */
public final class S3Store implements RemoteStore {
  /** S3's limit for one PUT; larger objects would need a multipart upload. */
  private static final long MAX_SINGLE_PUT = 5L << 30;

  private final S3Location location;
  private final RemoteOptions options;
  private final S3Client client;
  private final S3Errors errors;

  /** Makes the client (about a second of class loading, cold); contacts nothing yet. */
  public S3Store(S3Location location, RemoteOptions options, java.util.Map<String, String> env) {
    this.location = location;
    this.options = options;
    this.client = S3Clients.create(location, options, env);
    this.errors = new S3Errors(location, options);
  }

  @Override
  public String describe() {
    return location.describe();
  }

  @Override
  public byte[] getAction(ActionId id) throws IOException {
    String key = location.key("ac/" + id.hex());
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    return download("get", key, record, MAX_RECORD, MAX_RECORD) ? record.toByteArray() : null;
  }

  @Override
  public void putAction(ActionId id, OutputId output, long size, byte[] record) throws IOException {
    upload(location.key("ac/" + id.hex()), RequestBody.fromBytes(record), record.length);
  }

  @Override
  public boolean getOutput(OutputId id, long size, OutputStream sink) throws IOException {
    return download("get", location.key("cas/" + id.hex()), sink, Long.MAX_VALUE, size);
  }

  @Override
  public void putOutput(OutputId id, Path file, long size) throws IOException {
    String key = location.key("cas/" + id.hex());
    if (size > MAX_SINGLE_PUT) {
      throw new RemoteStoreException(
          describe(), "put", key, size + " bytes is over S3's 5 GiB single PUT", false, null);
    }
    upload(key, RequestBody.fromFile(file), size);
  }

  @Override
  public boolean hasOutput(OutputId id) throws IOException {
    String key = location.key("cas/" + id.hex());
    try {
      client.headObject(b -> b.bucket(location.bucket()).key(key));
      return true;
    } catch (S3Exception e) {
      if (absent(e)) {
        return false;
      }
      throw errors.failure("head", key, e, null);
    } catch (SdkException e) {
      throw errors.failure("head", key, e, null);
    }
  }

  @Override
  public long maxOutputSize() {
    return MAX_SINGLE_PUT;
  }

  @Override
  public void close() {
    client.close();
  }

  private void upload(String key, RequestBody body, long size) throws IOException {
    Duration timeout = options.transferTimeout(size);
    try {
      client.putObject(
          b ->
              b.bucket(location.bucket())
                  .key(key)
                  .contentLength(size)
                  .overrideConfiguration(timeouts(timeout)),
          body);
    } catch (SdkException e) {
      throw errors.failure("put", key, e, null);
    }
  }

  /**
   * Streams an object into {@code sink}; false if there is none. The sink's own exceptions pass
   * through as they are; the store's become messages naming the key. The deadline is reckoned from
   * {@code expected} bytes, the size the caller knows.
   */
  private boolean download(String op, String key, OutputStream sink, long limit, long expected)
      throws IOException {
    ResponseInputStream<GetObjectResponse> in;
    try {
      in = client.getObject(b -> b.bucket(location.bucket()).key(key));
    } catch (S3Exception e) {
      if (absent(e)) {
        return false;
      }
      throw errors.failure(op, key, e, null);
    } catch (SdkException e) {
      throw errors.failure(op, key, e, null);
    }
    long length = in.response().contentLength() == null ? -1 : in.response().contentLength();
    if (length > limit) {
      in.abort();
      throw errors.malformed(op, key, length + " bytes, more than the " + limit + " expected");
    }
    Duration timeout = options.transferTimeout(expected);
    boolean complete = false;
    try (TransferDeadline deadline = TransferDeadline.arm(timeout, in::abort)) {
      byte[] buf = new byte[1 << 16];
      long total = 0;
      for (int n; (n = read(in, buf, op, key, deadline)) >= 0; ) {
        total += n;
        if (total > limit) {
          throw errors.malformed(op, key, "more than the " + limit + " bytes expected");
        }
        sink.write(buf, 0, n);
      }
      complete = true;
    } finally {
      if (complete) {
        in.close();
      } else {
        in.abort(); // an unread rest is not drained: the connection is dropped
      }
    }
    return true;
  }

  /**
   * Whether a 404 means the object is absent: any 404 does (AWS says {@code NoSuchKey}, other
   * servers and proxies in front of them say {@code NotFound}, another code or nothing at all), but
   * {@code NoSuchBucket}, a configuration error that must be said, not counted as misses.
   */
  private static boolean absent(S3Exception e) {
    if (e.statusCode() != 404 || e instanceof NoSuchBucketException) {
      return false;
    }
    return e.awsErrorDetails() == null || !"NoSuchBucket".equals(e.awsErrorDetails().errorCode());
  }

  private int read(InputStream in, byte[] buf, String op, String key, TransferDeadline deadline)
      throws IOException {
    try {
      return in.read(buf);
    } catch (IOException | SdkException e) {
      throw errors.failure(op, key, e, deadline);
    }
  }

  private static AwsRequestOverrideConfiguration timeouts(Duration timeout) {
    return AwsRequestOverrideConfiguration.builder()
        .apiCallTimeout(timeout)
        .apiCallAttemptTimeout(timeout)
        .build();
  }
}
