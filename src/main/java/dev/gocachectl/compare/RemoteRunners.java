package dev.gocachectl.compare;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.explain.Manifest;
import dev.gocachectl.explain.ManifestFile;
import dev.gocachectl.prog.BuildManifest;
import dev.gocachectl.remote.ActionRecord;
import dev.gocachectl.remote.RemoteStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Reads runners' manifests and captures from a remote store, and stores a capture there ({@code
 * explain --save-remote}). What is read is checked as prog checks an output (its size and SHA-256
 * against its record) and parsed with the same bounds; signatures are not checked: nothing read
 * here is handed to go.
 */
public final class RemoteRunners {
  /** The largest capture read back (compressed). */
  static final long MAX_CAPTURE = 256L << 20;

  private RemoteRunners() {}

  /**
   * A runner's side: its build manifest of {@code key} (its latest without one) and its capture,
   * each null when the store has none.
   */
  public static RunnerSide fetch(RemoteStore store, ActionId key, String runner, Path tmpDir)
      throws IOException {
    byte[] build = read(store, StoredKeys.build(key, runner), BuildManifest.MAX_BYTES);
    BuildManifest m = null;
    if (build != null) {
      try {
        m = BuildManifest.parse(build);
      } catch (IllegalArgumentException e) {
        throw new IOException(
            store.describe() + ": runner " + runner + "'s build manifest: " + e.getMessage(), e);
      }
    }
    byte[] capture = read(store, StoredKeys.capture(key, runner), MAX_CAPTURE);
    Manifest c = null;
    if (capture != null) {
      Path f = Files.createTempFile(tmpDir, "capture", ".gz");
      try {
        Files.write(f, capture);
        c = ManifestFile.read(f);
      } finally {
        Files.deleteIfExists(f);
      }
    }
    return new RunnerSide(runner, m, c);
  }

  /**
   * Stores {@code capture} as the runner's capture of build {@code key} and as its latest; returns
   * the compressed size in bytes.
   */
  public static long save(
      RemoteStore store, ActionId key, String runner, Manifest capture, Path tmpDir)
      throws IOException {
    Path f = Files.createTempFile(tmpDir, "capture", ".gz");
    try {
      ManifestFile.write(capture, f);
      long size = Files.size(f);
      OutputId out = new OutputId(Hash.sha256(Files.readAllBytes(f)));
      store.putOutput(out, f, size);
      Instant now = Instant.now();
      byte[] rec =
          new ActionRecord(
                  out,
                  size,
                  now.getEpochSecond() * 1_000_000_000L + now.getNano(),
                  runner,
                  null,
                  null)
              .encode();
      store.putAction(StoredKeys.capture(key, runner), out, size, rec);
      store.putAction(StoredKeys.capture(null, runner), out, size, rec);
      return size;
    } finally {
      Files.deleteIfExists(f);
    }
  }

  /** The output of action {@code id}, checked; null when the store has no record. */
  private static byte[] read(RemoteStore store, ActionId id, long max) throws IOException {
    byte[] raw = store.getAction(id);
    if (raw == null) {
      return null;
    }
    ActionRecord r;
    try {
      r = ActionRecord.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new IOException(store.describe() + ": record " + id.hex() + ": " + e.getMessage(), e);
    }
    if (r.size() > max) {
      throw new IOException(
          store.describe()
              + ": record "
              + id.hex()
              + " claims "
              + r.size()
              + " bytes, over "
              + max);
    }
    byte[] body = r.inline();
    if (body == null) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (OutputStream sink = b) {
        if (!store.getOutput(r.output(), r.size(), sink)) {
          return null; // the output is gone (evicted): as if there were no record
        }
      }
      body = b.toByteArray();
    }
    if (body.length != r.size() || !Hash.sha256(body).equals(r.output().hash())) {
      throw new IOException(
          store.describe()
              + ": output "
              + r.output().hex()
              + " does not match its record (size or SHA-256); the store holds damaged bytes");
    }
    return body;
  }
}
