package dev.gocachectl.remote;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.OutputId;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * A shared store of action records and outputs on an existing distributed system: S3-compatible
 * object storage, Redis, or an HTTP cache with bazel-remote's API. Implementations live in the
 * subpackages {@code s3}, {@code redis} and {@code http}; {@code remote.stores.RemoteStores} picks
 * one by URL and is handed to the tiers as an {@link Opener}.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li>Thread-safe: the tier calls every method from several threads at once.
 *   <li>Absent is not an error: {@link #getAction} returns null and {@link #getOutput} false.
 *       Anything else that goes wrong (network, timeout, a status it does not expect, a malformed
 *       stored value) is an {@link IOException} whose message names the store and the key. No
 *       method retries; the tier decides.
 *   <li>Every call is bounded by the timeouts in {@link RemoteOptions}: a store that is down or
 *       slow must fail fast, never hang a build.
 *   <li>Stores are dumb: they never verify content. The tier checks every byte it reads against the
 *       output ID and size, and the record's signature when one is required; a store must return
 *       what is stored, byte for byte, and must not interpret the record.
 *   <li>Outputs are content-addressed and immutable: the same {@link OutputId} always names the
 *       same bytes, so a put of an existing output may be skipped.
 *   <li>{@link #describe} never shows credentials.
 * </ul>
 */
public interface RemoteStore extends Closeable {
  /** A short name for reports and messages, e.g. {@code s3://bucket/prefix}. No secrets. */
  String describe();

  /**
   * The record stored for an action, or null if there is none. The record is opaque bytes of at
   * most {@link #MAX_RECORD} bytes (its format belongs to the tier: {@code ActionRecord}).
   */
  byte[] getAction(ActionId id) throws IOException;

  /**
   * Stores the record of an action. {@code output} and {@code size} name the output the record
   * points at; a store whose server checks action entries against stored outputs (bazel-remote)
   * uses them, the others ignore them. The output is always stored before its record.
   */
  void putAction(ActionId id, OutputId output, long size, byte[] record) throws IOException;

  /**
   * Streams an output's bytes into {@code sink}; returns false (having written nothing) if the
   * output is absent. The caller verifies what arrives and stops reading past the expected size, by
   * failing the sink. {@code size} is what the action's record says: a store that moves the bytes
   * under a deadline reckons it from that, not from what the server claims (a hostile server
   * announcing gigabytes and sending a byte every few seconds would otherwise hold the get for
   * hours).
   */
  boolean getOutput(OutputId id, long size, OutputStream sink) throws IOException;

  /** Stores an output from a file of {@code size} bytes whose SHA-256 is {@code id}. */
  void putOutput(OutputId id, Path file, long size) throws IOException;

  /** Whether an output is stored (so that a put can be skipped). */
  boolean hasOutput(OutputId id) throws IOException;

  /** The largest output this store keeps; larger ones skip it (Redis). */
  default long maxOutputSize() {
    return Long.MAX_VALUE;
  }

  /** What to change so that larger outputs are kept, for the message saying some were skipped. */
  default String sizeLimitAdvice() {
    return "the store keeps at most " + maxOutputSize() + " bytes an object";
  }

  /** The largest record the tier writes (a header and, for small outputs, the output inline). */
  int MAX_RECORD = 64 * 1024;

  /** Opens the store a {@code --remote} URL names (the tiers do not know the backends). */
  @FunctionalInterface
  interface Opener {
    /**
     * @param env the environment, for credentials and settings that may come from it
     * @throws IllegalArgumentException if the URL names no store in a known form
     */
    RemoteStore open(String url, RemoteOptions options, Map<String, String> env) throws IOException;
  }
}
