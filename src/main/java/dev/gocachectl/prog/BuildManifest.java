package dev.gocachectl.prog;

import dev.gocachectl.cache.ActionId;
import dev.gocachectl.cache.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The actions one run of a build asked for, in the order it asked, with who ran it and on what:
 * what {@link Prefetch} fetches ahead of the next run of the same build ({@link BuildKey}), and
 * what a run on another runner compares itself with.
 *
 * <h2>Format</h2>
 *
 * <p>A header line, the runner's name, the {@link BuildFingerprint}'s lines, an empty line, then
 * the action IDs as raw 32-byte values, nothing between or after:
 *
 * <pre>
 * gocachectl-manifest 2 COUNT\n
 * runner NAME\n
 * FINGERPRINT LINES (NAME=VALUE\n each)
 * \n
 * ID_1 ID_2 ... ID_COUNT          (COUNT * 32 bytes)
 * </pre>
 *
 * <p>{@code COUNT} is decimal, at most {@link #MAX_ACTIONS}; the text between the header and the
 * IDs is at most {@link BuildFingerprint#MAX_BYTES}. The runner's name has no white space. Version
 * 1 ({@code gocachectl-manifest 1 COUNT\n} then the IDs) is still read, with no runner and an empty
 * fingerprint. The manifest is stored like any output (content-addressed, checked against its
 * SHA-256 when fetched) under the record of the build key's action ID, so it travels, is signed and
 * is verified exactly as go's own outputs are. A manifest is only a hint: every action it names is
 * fetched and checked like any other, so a wrong one costs lookups, never a wrong byte.
 *
 * @param actions the action IDs in the order go asked for them
 * @param runner who wrote it ({@code GOCACHECTL_RUNNER}, else the host name); "" when unknown
 * @param fingerprint what decided its action IDs there
 */
public record BuildManifest(List<ActionId> actions, String runner, BuildFingerprint fingerprint) {
  /** Enough for the largest builds (Kubernetes: about 30,000 actions); 6.4 MB at most. */
  static final int MAX_ACTIONS = 200_000;

  private static final String MAGIC = "gocachectl-manifest ";

  /** The header's length at most (the count has at most six digits). */
  static final int MAX_HEADER = MAGIC.length() + 2 + 7;

  /** The longest manifest: a record claiming more is not read. */
  public static final long MAX_BYTES =
      MAX_HEADER + BuildFingerprint.MAX_BYTES + (long) MAX_ACTIONS * Hash.SIZE;

  /** How many actions fit a manifest of at most {@code bytes} with this runner and fingerprint. */
  int fitting(long bytes) {
    long text = MAX_HEADER + text().length;
    return (int) Math.max(0, Math.min(MAX_ACTIONS, (bytes - text) / Hash.SIZE));
  }

  public BuildManifest {
    if (actions.size() > MAX_ACTIONS) {
      throw new IllegalArgumentException(
          actions.size() + " actions, more than a manifest holds (" + MAX_ACTIONS + ")");
    }
    actions = List.copyOf(actions);
    runner = runner.replaceAll("\\s", "_");
  }

  /** A manifest of actions only (version 1's content). */
  BuildManifest(List<ActionId> actions) {
    this(actions, "", BuildFingerprint.EMPTY);
  }

  /** The same manifest listing {@code fewer} actions. */
  BuildManifest withActions(List<ActionId> fewer) {
    return new BuildManifest(fewer, runner, fingerprint);
  }

  private byte[] text() {
    byte[] fp = fingerprint.encode();
    byte[] r = ("runner " + runner + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(r, r.length + fp.length + 1);
    System.arraycopy(fp, 0, out, r.length, fp.length);
    out[out.length - 1] = '\n';
    return out;
  }

  public byte[] encode() {
    byte[] head = (MAGIC + "2 " + actions.size() + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] text = text();
    byte[] out = Arrays.copyOf(head, head.length + text.length + actions.size() * Hash.SIZE);
    System.arraycopy(text, 0, out, head.length, text.length);
    int at = head.length + text.length;
    for (ActionId a : actions) {
      System.arraycopy(a.hash().toByteArray(), 0, out, at, Hash.SIZE);
      at += Hash.SIZE;
    }
    return out;
  }

  /**
   * Parses a manifest.
   *
   * @throws IllegalArgumentException naming what is wrong: the header, the count, the text, the
   *     length
   */
  public static BuildManifest parse(byte[] data) {
    int nl = indexOf(data, 0, Math.min(data.length, MAX_HEADER + 4));
    String head = nl < 0 ? "" : new String(data, 0, nl, StandardCharsets.US_ASCII);
    int version;
    if (head.startsWith(MAGIC + "1 ")) {
      version = 1;
    } else if (head.startsWith(MAGIC + "2 ")) {
      version = 2;
    } else {
      throw new IllegalArgumentException(
          "not a build manifest: expected a first line \"" + MAGIC + "2 COUNT\"");
    }
    int count;
    try {
      count = Integer.parseInt(head.substring(MAGIC.length() + 2));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("build manifest: bad count in \"" + head + "\"");
    }
    if (count < 0 || count > MAX_ACTIONS) {
      throw new IllegalArgumentException(
          "build manifest: count " + count + " out of range 0.." + MAX_ACTIONS);
    }
    int ids = nl + 1;
    String runner = "";
    BuildFingerprint fp = BuildFingerprint.EMPTY;
    if (version == 2) {
      int limit = (int) Math.min(data.length, (long) ids + BuildFingerprint.MAX_BYTES + 2);
      int end = -1;
      for (int i = ids; i + 1 < limit; i++) {
        if (data[i] == '\n' && data[i + 1] == '\n') {
          end = i + 1;
          break;
        }
      }
      if (end < 0) {
        throw new IllegalArgumentException(
            "build manifest: no empty line ending the runner and fingerprint within "
                + BuildFingerprint.MAX_BYTES
                + " bytes");
      }
      int rl = indexOf(data, ids, end);
      String first = new String(data, ids, rl - ids, StandardCharsets.UTF_8);
      if (!first.startsWith("runner ")) {
        throw new IllegalArgumentException("build manifest: expected \"runner NAME\" after header");
      }
      runner = first.substring(7);
      fp = BuildFingerprint.parse(Arrays.copyOfRange(data, rl + 1, end));
      ids = end + 1;
    }
    long expected = ids + (long) count * Hash.SIZE;
    if (data.length != expected) {
      throw new IllegalArgumentException(
          "build manifest: " + data.length + " bytes, expected " + expected + " for " + count);
    }
    List<ActionId> list = new ArrayList<>(count);
    for (int at = ids; at < data.length; at += Hash.SIZE) {
      list.add(new ActionId(Hash.of(Arrays.copyOfRange(data, at, at + Hash.SIZE))));
    }
    return new BuildManifest(list, runner, fp);
  }

  private static int indexOf(byte[] data, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
