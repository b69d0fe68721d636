package dev.gocachectl.mod.sumdb;

import dev.gocachectl.cache.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The signed tree heads seen in one run (the one this machine stored, {@code /latest}, and those in
 * lookups) and their consistency: every head must be a prefix of the newest, i.e. the newest tree's
 * tiles must reproduce the older root ({@code TreeHash(older.N)}, as go's {@code checkTrees}). Two
 * heads that fail this cannot both be honest: the log forked or was rewritten, an alarm with both
 * signed notes as the evidence. A head older than the stored one but consistent is a stale answer,
 * harmless.
 */
final class Timeline {
  /**
   * One signed head.
   *
   * @param tree the head
   * @param note the signed note it came in
   * @param source where it came from
   * @param fresh whether the database sent it in this run (not a copy cached earlier)
   */
  record Head(TreeHead tree, byte[] note, String source, boolean fresh) {}

  private final List<Head> heads = new ArrayList<>();
  private Head stored;

  void add(Head h) {
    for (Head x : heads) {
      if (x.tree().equals(h.tree())) {
        return;
      }
    }
    heads.add(h);
  }

  void stored(Head h) {
    stored = h;
    add(h);
  }

  /** The head stored on this machine, if any. */
  java.util.Optional<Head> stored() {
    return java.util.Optional.ofNullable(stored);
  }

  boolean isEmpty() {
    return heads.isEmpty();
  }

  /** The largest tree (the stored one on a tie). */
  Head newest() {
    return heads.stream().max(Comparator.comparingLong((Head h) -> h.tree().size())).orElseThrow();
  }

  List<Head> heads() {
    return List.copyOf(heads);
  }

  /**
   * The stored hashes of the newest tree that the checks read: the leaves of the given records and
   * the subtrees of every older head (for consistency).
   */
  List<Long> hashesToRead(List<Long> recordIds) {
    TreeHead top = newest().tree();
    List<Long> out = new ArrayList<>();
    recordIds.forEach(id -> out.add(MerkleLog.storedHashIndex(0, id)));
    for (Head h : heads) {
      for (long i : MerkleLog.subtrees(Math.min(h.tree().size(), top.size()))) {
        out.add(i);
      }
    }
    out.removeIf(i -> i >= MerkleLog.storedHashCount(top.size()));
    return out;
  }

  /** Checks every head against the newest, through the newest's tiles. */
  List<SumdbFinding> check(TileHashReader newest) throws IOException {
    Head top = newest();
    List<SumdbFinding> out = new ArrayList<>();
    for (Head h : heads) {
      if (h == top) {
        continue;
      }
      try {
        Hash computed =
            h.tree().size() == top.tree().size()
                ? top.tree().hash()
                : newest.treeHash(h.tree().size());
        if (!computed.equals(h.tree().hash())) {
          out.add(fork(h, top, computed));
        } else if (h.fresh() && stored != null && h.tree().size() < stored.tree().size()) {
          out.add(
              new SumdbFinding(
                  SumdbFindingKind.STALE_HEAD,
                  "tree " + h.tree().size(),
                  "tree " + stored.tree().size() + " or newer (stored on this machine)",
                  "answered from an older tree, consistent with the newer one: a lagging mirror or"
                      + " cache, harmless",
                  h.source()));
        }
      } catch (TlogException e) {
        out.add(
            new SumdbFinding(
                e.missing() ? SumdbFindingKind.UNPROVEN : SumdbFindingKind.INCLUSION_FAILED,
                "tree " + h.tree().size() + " in tree " + top.tree().size(),
                null,
                "consistency not checked: " + e.getMessage(),
                h.source()));
      }
    }
    return out;
  }

  private static SumdbFinding fork(Head older, Head newer, Hash computed) {
    String evidence =
        "SECURITY ERROR: go.sum database server misbehavior detected! old database:\n\t"
            + indent(older.note())
            + "\nnew database:\n\t"
            + indent(newer.note())
            + "\nproof of misbehavior: the new tree's tiles hash the first "
            + older.tree().size()
            + " records to "
            + computed.base64();
    return new SumdbFinding(
        SumdbFindingKind.FORK,
        "tree " + older.tree().size() + " vs tree " + newer.tree().size(),
        older.tree().hash().base64() + " (signed, from " + older.source() + ")",
        evidence,
        newer.source());
  }

  private static String indent(byte[] note) {
    return new String(note, StandardCharsets.UTF_8).strip().replace("\n", "\n\t");
  }
}
