package dev.gocachectl.prog;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The actions one go command used last time, in the order it asked for them: what {@link Prefetch}
 * fetches ahead of the next run of the same command ({@link BuildKey}).
 *
 * <h2>Format</h2>
 *
 * <p>A header line, then the action IDs as raw 32-byte values, nothing between or after:
 *
 * <pre>
 * gocachectl-manifest 1 COUNT\n
 * ID_1 ID_2 ... ID_COUNT          (COUNT * 32 bytes)
 * </pre>
 *
 * <p>{@code COUNT} is decimal, at most {@link #MAX_ACTIONS}. The manifest is stored like any output
 * (content-addressed, checked against its SHA-256 when fetched) under the record of the build key's
 * action ID, so it travels, is signed and is verified exactly as go's own outputs are. A manifest
 * is only a hint: every action it names is fetched and checked like any other, so a wrong one costs
 * lookups, never a wrong byte.
 */
record BuildManifest(List<ActionId> actions) {
  /** Enough for the largest builds (Kubernetes: about 30,000 actions); 6.4 MB at most. */
  static final int MAX_ACTIONS = 200_000;

  private static final String MAGIC = "gocachectl-manifest 1 ";

  /** The header's length at most (the count has at most six digits). */
  static final int MAX_HEADER = MAGIC.length() + 7;

  /** The longest manifest: a record claiming more is not read. */
  static final long MAX_BYTES = MAX_HEADER + (long) MAX_ACTIONS * Hash.SIZE;

  /** How many actions fit a manifest of at most {@code bytes}. */
  static int fitting(long bytes) {
    return (int) Math.max(0, Math.min(MAX_ACTIONS, (bytes - MAX_HEADER) / Hash.SIZE));
  }

  BuildManifest {
    if (actions.size() > MAX_ACTIONS) {
      throw new IllegalArgumentException(
          actions.size() + " actions, more than a manifest holds (" + MAX_ACTIONS + ")");
    }
    actions = List.copyOf(actions);
  }

  byte[] encode() {
    byte[] head = (MAGIC + actions.size() + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(head, head.length + actions.size() * Hash.SIZE);
    int at = head.length;
    for (ActionId a : actions) {
      System.arraycopy(a.hash().toByteArray(), 0, out, at, Hash.SIZE);
      at += Hash.SIZE;
    }
    return out;
  }

  /**
   * Parses a manifest.
   *
   * @throws IllegalArgumentException naming what is wrong: the header, the count, the length
   */
  static BuildManifest parse(byte[] data) {
    int nl = -1;
    for (int i = 0; i < Math.min(data.length, MAGIC.length() + 12); i++) {
      if (data[i] == '\n') {
        nl = i;
        break;
      }
    }
    String head = nl < 0 ? "" : new String(data, 0, nl, StandardCharsets.US_ASCII);
    if (!head.startsWith(MAGIC)) {
      throw new IllegalArgumentException(
          "not a build manifest: expected a first line \"" + MAGIC + "COUNT\"");
    }
    int count;
    try {
      count = Integer.parseInt(head.substring(MAGIC.length()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("build manifest: bad count in \"" + head + "\"");
    }
    if (count < 0 || count > MAX_ACTIONS) {
      throw new IllegalArgumentException(
          "build manifest: count " + count + " out of range 0.." + MAX_ACTIONS);
    }
    long expected = nl + 1L + (long) count * Hash.SIZE;
    if (data.length != expected) {
      throw new IllegalArgumentException(
          "build manifest: " + data.length + " bytes, expected " + expected + " for " + count);
    }
    List<ActionId> ids = new ArrayList<>(count);
    for (int at = nl + 1; at < data.length; at += Hash.SIZE) {
      ids.add(new ActionId(Hash.of(Arrays.copyOfRange(data, at, at + Hash.SIZE))));
    }
    return new BuildManifest(ids);
  }
}
