package dev.gocachectl.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A remote store that {@code remote-scrub} jobs sample, named by the URL {@code prog --remote}
 * takes ({@code redis://...}, {@code s3://...}, {@code http://...} for bazel-remote).
 *
 * @param verifyKeyFile the key records must be signed with (as {@code prog --verify-key-file}), or
 *     null: a record's signature is then not checked
 * @param timeout each fetch's whole time
 */
public record RemoteTarget(String name, String url, Path verifyKeyFile, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
}
