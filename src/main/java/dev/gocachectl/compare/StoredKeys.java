package dev.gocachectl.compare;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import dev.gocachectl.prog.BuildKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where a runner's records are in the remote store, each an action record outside go's key space
 * whose output is the file: the build manifest prog keeps per runner ({@link BuildKey#forRunner},
 * or {@link BuildKey#latest} without a build key), and the explain capture {@code explain
 * --save-remote} stores: the SHA-256 of {@code "gocachectl capture v1\n"}, the build key's 32 bytes
 * (none for the runner's latest capture) and the runner's name, the capture gzip-compressed in
 * {@code explain}'s manifest format.
 */
public final class StoredKeys {
  private StoredKeys() {}

  /** The runner's build manifest of {@code key}, or its latest when {@code key} is null. */
  public static ActionId build(ActionId key, String runner) {
    return key == null ? BuildKey.latest(runner) : BuildKey.forRunner(key, runner);
  }

  /** The runner's capture of {@code key}, or its latest when {@code key} is null. */
  public static ActionId capture(ActionId key, String runner) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("gocachectl capture v1\n".getBytes(StandardCharsets.UTF_8));
    if (key != null) {
      b.writeBytes(key.hash().toByteArray());
    }
    b.writeBytes(runner.getBytes(StandardCharsets.UTF_8));
    return new ActionId(Hash.sha256(b.toByteArray()));
  }
}
