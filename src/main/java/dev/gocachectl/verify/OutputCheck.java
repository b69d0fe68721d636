package dev.gocachectl.verify;

import dev.gocachectl.cache.ActionEntry;
import dev.gocachectl.cache.CacheDir;
import dev.gocachectl.cache.CacheSnapshot;
import dev.gocachectl.cache.OutputId;
import dev.gocachectl.cache.StoredOutput;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Checks one output against the entries that name it: re-hash, size, executable directory shape and
 * the build ID of compiled archives.
 *
 * <p>When the size differs, the bytes necessarily hash to something else, so only the size is
 * reported; the hash is reported when the size is right and the bytes are not (a flipped byte, a
 * zero-filled file). The build ID is checked only on bytes that hash right.
 */
record OutputCheck(CacheDir dir, OutputId output, Path path, boolean isDir, List<ActionEntry> by) {

  /**
   * What is at an output's path, looked at (and its bytes hashed) before the entries naming it are
   * known: verify hashes outputs while the walk is still finding the entries.
   */
  sealed interface Looked {
    /** Nothing there (any more). */
    record Absent() implements Looked {}

    /** An executable directory that does not hold exactly one file. */
    record MalformedDir(List<String> names) implements Looked {}

    /** The bytes, hashed. */
    record Hashed(OutputHasher.Result result) implements Looked {}
  }

  /** Looks at the output at {@code path} and hashes its bytes. */
  static Looked look(Path path, boolean isDir, OutputHasher hasher, LongConsumer progress)
      throws IOException {
    StoredOutput stored;
    try {
      stored = isDir ? StoredOutput.locateInDir(path) : StoredOutput.locate(path);
    } catch (NoSuchFileException e) {
      return new Looked.Absent();
    }
    return switch (stored) {
      case StoredOutput.Absent a -> new Looked.Absent();
      case StoredOutput.MalformedDir m -> new Looked.MalformedDir(m.names());
      default -> {
        try {
          yield new Looked.Hashed(hasher.hash(stored.contentFile(), progress));
        } catch (NoSuchFileException e) {
          yield new Looked.Absent();
        } catch (IOException e) {
          throw CacheSnapshot.unreadable(stored.contentFile(), e);
        }
      }
    };
  }

  /** Looks at the output now and judges it. */
  List<Finding> run(OutputHasher hasher, LongConsumer progress) throws IOException {
    return judge(look(path, isDir, hasher, progress));
  }

  /** The findings about this output, given what was at its path. */
  List<Finding> judge(Looked looked) {
    List<Finding> out = new ArrayList<>();
    OutputHasher.Result r;
    switch (looked) {
      case Looked.Absent a -> {
        for (ActionEntry e : by) {
          out.add(dangling(e));
        }
        return out;
      }
      case Looked.MalformedDir m -> {
        out.add(
            new Finding(
                FindingKind.OUTPUT_DIR_MALFORMED,
                path,
                null,
                output,
                "a directory holding exactly one executable file",
                m.names().isEmpty()
                    ? "an empty directory"
                    : m.names().size() + " entries: " + String.join(", ", m.names())));
        return out;
      }
      case Looked.Hashed h -> r = h.result();
    }
    List<ActionEntry> sizeOk = new ArrayList<>();
    for (ActionEntry e : by) {
      if (e.size() == r.size()) {
        sizeOk.add(e);
      } else {
        out.add(
            new Finding(
                FindingKind.OUTPUT_SIZE_MISMATCH,
                path,
                e.id(),
                output,
                e.size() + " bytes",
                r.size() + " bytes"));
      }
    }
    if (sizeOk.isEmpty()) {
      return out;
    }
    if (!r.hash().equals(output.hash())) {
      out.add(
          new Finding(
              FindingKind.OUTPUT_HASH_MISMATCH,
              path,
              null,
              output,
              "sha256 " + output.hex(),
              "sha256 " + r.hash().hex()));
      return out;
    }
    if (ArchiveBuildId.read(r.head(), r.headLength()) instanceof ArchiveBuildId.Found f) {
      for (ActionEntry e : sizeOk) {
        if (!f.actionPart().equals(e.id().buildIdPart())) {
          out.add(
              new Finding(
                  FindingKind.BUILDID_MISMATCH,
                  dir.actionFile(e.id()),
                  e.id(),
                  output,
                  "build id " + e.id().buildIdPart() + "/…",
                  "build id " + f.buildId()));
        }
      }
    }
    return out;
  }

  private Finding dangling(ActionEntry e) {
    return new Finding(
        FindingKind.DANGLING_ACTION,
        dir.actionFile(e.id()),
        e.id(),
        output,
        "output " + path.getFileName(),
        "no output file");
  }
}
