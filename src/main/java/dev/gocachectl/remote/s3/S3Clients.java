package dev.gocachectl.remote.s3;

import dev.gocachectl.remote.RemoteOptions;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the SDK client of an {@link S3Store}:
 *
 * <ul>
 *   <li>url-connection-client (the JDK's HttpURLConnection; no Apache or Netty), connect timeout
 *       and socket (read) timeout from {@link RemoteOptions};
 *   <li>no retries ({@link AwsRetryStrategy#doNotRetry()}: the tier decides), each call bounded by
 *       the request timeout (uploads and downloads get longer ones per request);
 *   <li>checksums only when S3 requires them ({@code WHEN_REQUIRED}): S3-compatible servers reject
 *       or mishandle the SDK's default CRC trailers, and the tier verifies every byte anyway;
 *   <li>no aws-chunked uploads ({@code chunkedEncodingEnabled(false)}): over plain http the SDK
 *       otherwise signs an upload chunk by chunk, writing each chunk header in tiny socket writes,
 *       and s3proxy 4.1.0 dropped such connections mid-body under concurrent uploads ("Error
 *       writing request body to server", 1-4 PUTs in 160; none in 960 without it). Without it the
 *       SDK hashes the file once before sending it (over https the payload is not signed at all).
 *       s3proxy buffers such an upload to check it and refuses ones over its {@code
 *       s3proxy.v4-max-non-chunked-request-size} (128 MiB by default); AWS, MinIO and Ceph do not;
 *   <li>no {@code Expect: 100-continue}: with the JDK's HttpURLConnection it costs a round trip per
 *       upload, and only saves sending a body that the server would refuse;
 *   <li>path-style addressing when asked; the region from the location; S3's redirects to a
 *       bucket's own region followed when the region was not given and the endpoint is AWS's;
 *   <li>credentials: {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} (and {@code
 *       AWS_SESSION_TOKEN}) from the environment the store was opened with, else the SDK's default
 *       chain (system properties, environment, web identity, profiles, container and instance
 *       roles), resolved at the first request. Never printed.
 * </ul>
 */
final class S3Clients {
  private S3Clients() {}

  static S3Client create(S3Location location, RemoteOptions options, Map<String, String> env) {
    S3ClientBuilder b =
        S3Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(options.connectTimeout())
                    .socketTimeout(options.requestTimeout()))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(options.requestTimeout())
                        .apiCallAttemptTimeout(options.requestTimeout()))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .region(Region.of(location.region()))
            .forcePathStyle(location.pathStyle())
            .serviceConfiguration(c -> c.expectContinueEnabled(false).chunkedEncodingEnabled(false))
            .crossRegionAccessEnabled(!location.regionGiven() && location.endpoint() == null)
            .credentialsProvider(credentials(env));
    if (location.endpoint() != null) {
      b.endpointOverride(location.endpoint());
    }
    return b.build();
  }

  private static AwsCredentialsProvider credentials(Map<String, String> env) {
    String id = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (id == null || id.isEmpty() || secret == null || secret.isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    String token = env.get("AWS_SESSION_TOKEN");
    AwsCredentials credentials =
        token == null || token.isEmpty()
            ? AwsBasicCredentials.create(id, secret)
            : AwsSessionCredentials.create(id, secret, token);
    return StaticCredentialsProvider.create(credentials);
  }
}
