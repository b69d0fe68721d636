package dev.gocachectl.mod.sumdb;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.ModuleVersion;
import java.io.IOException;
import java.util.List;

/**
 * One record: its inclusion in the newest signed tree (the leaf stored at its id, read through
 * authenticated tiles, must be its record hash, and the RFC 6962 audit path built from the same
 * tree must check), then each go.sum line against the record's lines ("checksum mismatch", or
 * "checksum missing from sumdb response" when the record has no h1 for it).
 */
final class RecordCheck {
  private final ModuleVersion m;
  private final SumdbChecker.Opened o;
  private final Timeline.Head top;
  private final TileHashReader reader;

  RecordCheck(ModuleVersion m, SumdbChecker.Opened o, Timeline.Head top, TileHashReader reader) {
    this.m = m;
    this.o = o;
    this.top = top;
    this.reader = reader;
  }

  void run(List<SumLines.Line> lines, List<SumdbFinding> out) {
    String failure = included();
    if (failure != null) {
      SumdbFindingKind k =
          failure.startsWith("unproven: ")
              ? SumdbFindingKind.UNPROVEN
              : SumdbFindingKind.INCLUSION_FAILED;
      for (SumLines.Line l : lines) {
        out.add(
            new SumdbFinding(
                k,
                l.key(),
                "record " + o.record().id() + " in tree " + top.tree().size(),
                failure,
                o.where()));
      }
      return;
    }
    for (SumLines.Line l : lines) {
      out.add(compare(l));
    }
  }

  /** Null when the record is in the tree; else why not ("unproven: ..." when tiles are missing). */
  private String included() {
    long id = o.record().id();
    long size = top.tree().size();
    if (id < 0 || id >= size) {
      return "cannot validate record " + id + " in tree of size " + size;
    }
    Hash leaf = MerkleLog.recordHash(o.record().textBytes());
    try {
      if (!reader.read(MerkleLog.storedHashIndex(0, id)).equals(leaf)) {
        return "cannot authenticate record data in server response";
      }
      List<Hash> proof = InclusionProof.prove(id, size, reader::read);
      if (!InclusionProof.check(proof, id, size, leaf, top.tree().hash())) {
        return "the audit path does not lead to the signed root";
      }
      return null;
    } catch (TlogException e) {
      return (e.missing() ? "unproven: " : "") + e.getMessage();
    } catch (IOException e) {
      return "unproven: " + e.getMessage();
    }
  }

  private SumdbFinding compare(SumLines.Line l) {
    String key = l.key();
    String have = key + " " + l.hash();
    String prefix = key + " h1:";
    for (String line : o.record().linesWithPrefix(key + " ")) {
      if (line.equals(have)) {
        return new SumdbFinding(
            SumdbFindingKind.OK,
            key,
            null,
            l.hash() + " is in record " + o.record().id() + " of tree " + top.tree().size(),
            l.where());
      }
      if (line.startsWith(prefix)) {
        return new SumdbFinding(
            SumdbFindingKind.MISMATCH,
            key,
            line.substring(key.length() + 1) + " (signed record " + o.record().id() + ")",
            "go.sum has " + l.hash() + ": go fails with \"verifying " + m + ": checksum mismatch\"",
            l.where());
      }
    }
    return new SumdbFinding(
        SumdbFindingKind.MISSING_IN_RECORD,
        key,
        null,
        "the database's record has no h1 for it: go fails with \"checksum missing from sumdb response\"",
        l.where());
  }
}
