package dev.gocachectl.remote.s3;

import dev.gocachectl.remote.StoreUrl;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A bucket, a key prefix in it, and how to reach it, from {@code
 * s3://BUCKET[/PREFIX][?endpoint=URL&region=REGION&path-style=true]}. Credentials are never part of
 * it (the SDK's default chain supplies them, see {@link S3Store}).
 *
 * @param bucket the bucket, which must exist
 * @param prefix the key prefix without leading or trailing {@code /}, possibly empty
 * @param endpoint a custom endpoint ({@code http[s]://HOST[:PORT]}) for S3-compatible servers, or
 *     null for AWS
 * @param region {@code region=}, else {@code $AWS_REGION}, else {@code $AWS_DEFAULT_REGION}, else
 *     {@code us-east-1}
 * @param regionGiven whether the region came from the URL or the environment; if not, and the
 *     endpoint is AWS's, S3's redirects to the bucket's region are followed
 * @param pathStyle {@code http://HOST/BUCKET/KEY} rather than {@code http://BUCKET.HOST/KEY}, which
 *     MinIO, Ceph and s3proxy usually need (the SDK uses path-style anyway for an endpoint given as
 *     an IP address; with a host name and without it, the bucket becomes part of the host name)
 */
public record S3Location(
    String bucket,
    String prefix,
    URI endpoint,
    String region,
    boolean regionGiven,
    boolean pathStyle) {

  /** Reads an {@code s3} URL; the region may come from the environment. */
  public static S3Location of(StoreUrl url, Map<String, String> env) {
    url.allowOnly(List.of("endpoint", "region", "path-style"));
    if (url.user() != null) {
      throw new IllegalArgumentException(
          "credentials never go in an s3:// URL; use AWS_ACCESS_KEY_ID and"
              + " AWS_SECRET_ACCESS_KEY, AWS_PROFILE or an instance role");
    }
    String bucket = url.authority();
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException(
          "'" + bucket + "' is not a bucket name (3-63 of a-z 0-9 . -, as S3 requires)");
    }
    String prefix = url.path().replaceAll("^/+|/+$", "");
    String region = url.param("region", null);
    if (region == null) {
      region = nonEmpty(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
    }
    return new S3Location(
        bucket,
        prefix,
        endpoint(url.param("endpoint", null)),
        region == null ? "us-east-1" : region,
        region != null,
        url.flag("path-style", false));
  }

  /** The object key of {@code ac/HEX} or {@code cas/HEX}: {@code PREFIX/ac/HEX}. */
  String key(String suffix) {
    return prefix.isEmpty() ? suffix : prefix + "/" + suffix;
  }

  /** {@code s3://BUCKET/PREFIX}, and the endpoint if it is not AWS's. */
  String describe() {
    String s = "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    return endpoint == null ? s : s + " at " + endpoint;
  }

  private static URI endpoint(String text) {
    if (text == null) {
      return null;
    }
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("endpoint=" + StoreUrl.redact(text) + " is not a URL", e);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null
        || uri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "endpoint=" + StoreUrl.redact(text) + " must be http[s]://HOST[:PORT] (no credentials)");
    }
    return uri;
  }

  private static String nonEmpty(String a, String b) {
    return a != null && !a.isEmpty() ? a : b != null && !b.isEmpty() ? b : null;
  }
}
