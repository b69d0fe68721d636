package dev.gocachectl.remote.s3;

import dev.gocachectl.remote.RemoteOptions;
import dev.gocachectl.remote.RemoteStoreException;
import dev.gocachectl.remote.TransferDeadline;
import dev.gocachectl.units.Causes;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Explains what the SDK throws, naming the store, the operation and the object key. */
final class S3Errors {
  private final S3Location location;
  private final RemoteOptions options;

  S3Errors(S3Location location, RemoteOptions options) {
    this.location = location;
    this.options = options;
  }

  /** A stored object that is not what the store keeps under {@code key}. */
  RemoteStoreException malformed(String op, String key, String problem) {
    return new RemoteStoreException(location.describe(), op, key, problem, false, null);
  }

  /** An exception from the SDK or the response stream, explained. */
  RemoteStoreException failure(String op, String key, Exception e, TransferDeadline deadline) {
    boolean timedOut =
        (deadline != null && deadline.expired())
            || e instanceof ApiCallTimeoutException
            || e instanceof ApiCallAttemptTimeoutException
            || causedBy(e, SocketTimeoutException.class);
    String message = String.valueOf(e.getMessage());
    String problem;
    if (timedOut) {
      problem = "timed out (" + timeouts(deadline) + "): " + message;
    } else if (e instanceof NoSuchBucketException) {
      problem = "bucket " + location.bucket() + " does not exist; create it or fix the URL";
    } else if (e instanceof S3Exception s3 && (s3.statusCode() == 403 || s3.statusCode() == 401)) {
      problem =
          "access denied ("
              + message
              + "); check the credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE,"
              + " the instance role) and the bucket's policy";
    } else if (message.contains("Unable to load credentials")) {
      problem =
          "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE,"
              + " or run where an instance or container role applies";
    } else if (causedBy(e, UnknownHostException.class)) {
      problem =
          "unknown host ("
              + message
              + ")"
              + (location.endpoint() != null && !location.pathStyle()
                  ? "; servers other than AWS usually need path-style=true"
                  : "; check the bucket, region and endpoint");
    } else if (causedBy(e, ConnectException.class)) {
      problem = "cannot connect (" + message + "); is the server running at that address?";
    } else {
      problem = e.getClass().getSimpleName() + ": " + message;
    }
    return new RemoteStoreException(location.describe(), op, key, problem, timedOut, e);
  }

  private String timeouts(TransferDeadline deadline) {
    if (deadline != null && deadline.expired()) {
      return "the whole transfer took over " + deadline.timeout().toMillis() + " ms";
    }
    return "connect timeout "
        + options.connectTimeout().toMillis()
        + " ms, request timeout "
        + options.requestTimeout().toMillis()
        + " ms";
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    return Causes.find(e, type) != null;
  }
}
