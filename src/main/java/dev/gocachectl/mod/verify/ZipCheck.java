package dev.gocachectl.mod.verify;

import dev.gocachectl.cache.Hash;
import dev.gocachectl.mod.DirHash;
import dev.gocachectl.mod.H1;
import dev.gocachectl.mod.ModuleVersion;
import dev.gocachectl.mod.zip.ZipContent;
import dev.gocachectl.mod.zip.ZipFormatException;
import dev.gocachectl.mod.zip.ZipLayoutException;
import dev.gocachectl.mod.zip.ZipRules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One module version's zip: read as go reads it (content h1, go.mod) and held to the module zip
 * rules, unless its bytes are those of a zip verified clean earlier ({@link ZipVerdicts}). The full
 * content (every entry's hash, for naming the files a tree lacks) is computed when asked for.
 */
final class ZipCheck {
  private final VersionCheck v;
  private final ModuleVersion m;
  private final Path file;
  private final long size;
  private H1 h1;
  private H1 goMod;
  private ZipContent full;
  private boolean unreadable;

  ZipCheck(VersionCheck v, ModuleVersion m, Path file, long size) {
    this.v = v;
    this.m = m;
    this.file = file;
    this.size = size;
  }

  /** Checks the zip; findings go to {@code v}. */
  void run(Hashers h, ZipVerdicts verdicts, String ziphash, boolean valid) throws IOException {
    Hash sha = h.sha256(file);
    Optional<ZipVerdicts.Verdict> known = verdicts.get(m, sha);
    if (known.isPresent()) {
      h1 = known.get().content();
      goMod = known.get().goMod();
      h.reused.incrementAndGet();
    } else if (full(h) == null) {
      return;
    }
    if (valid && !h1.text().equals(ziphash)) {
      v.add(
          ModFindingKind.ZIP_HASH_MISMATCH,
          file,
          ziphash + " (.ziphash)",
          "zip hashes to " + h1,
          v.goPrefix() + "zip has been modified (" + file + ")");
    }
    if (known.isPresent()) {
      return;
    }
    List<ZipRules.Violation> bad = ZipRules.check(m, size, full.entries());
    if (!bad.isEmpty()) {
      v.add(
          ModFindingKind.ZIP_INVALID,
          file,
          "a zip that follows the module zip rules",
          bad.size() + " rule violation" + (bad.size() == 1 ? "" : "s") + ": " + summarize(bad),
          null);
    } else if (!valid || h1.text().equals(ziphash)) {
      verdicts.put(m, sha, new ZipVerdicts.Verdict(h1, goMod));
    }
  }

  /** The full content, read now if it was not; null when go could not read the zip. */
  ZipContent full(Hashers h) throws IOException {
    if (full == null && !unreadable) {
      try {
        full = h.zip(file, m);
        h1 = full.h1();
        goMod = full.goMod() == null ? null : DirHash.goMod(full.goMod());
      } catch (ZipFormatException e) {
        unreadable = true;
        v.add(
            ModFindingKind.ZIP_INVALID,
            file,
            "a zip go can read",
            e.getMessage(),
            e instanceof ZipLayoutException ? null : v.goPrefix() + e.getMessage());
      }
    }
    return full;
  }

  /** The zip's h1, or null when it could not be read. */
  H1 h1() {
    return h1;
  }

  /** The h1 of the zip's root go.mod, or null when it has none (or could not be read). */
  H1 goMod() {
    return goMod;
  }

  private static String summarize(List<ZipRules.Violation> bad) {
    List<String> first = bad.stream().limit(3).map(ZipRules.Violation::toString).toList();
    return String.join("; ", first) + (bad.size() > 3 ? "; ..." : "");
  }
}
